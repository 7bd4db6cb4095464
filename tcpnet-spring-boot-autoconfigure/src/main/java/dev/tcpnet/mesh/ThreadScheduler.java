/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.tcpnet.mesh;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The {@link Scheduler} of a running node: the system clock and one daemon timer thread
 * ({@code tcpnet-mesh-timer}).
 */
final class ThreadScheduler implements Scheduler {

	private final ScheduledThreadPoolExecutor timer;

	ThreadScheduler() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("tcpnet-mesh-timer");
		threads.setDaemon(true);
		this.timer = new ScheduledThreadPoolExecutor(1, threads);
		// Request timeouts are cancelled when the reply comes: drop them from the queue
		// then.
		this.timer.setRemoveOnCancelPolicy(true);
	}

	@Override
	public long nanoTime() {
		return System.nanoTime();
	}

	@Override
	public Cancellable schedule(Runnable task, long delayNanos) {
		try {
			ScheduledFuture<?> scheduled = this.timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
			return () -> scheduled.cancel(false);
		}
		catch (RejectedExecutionException ex) {
			// Stopping: nothing is due any more.
			return Cancellable.NONE;
		}
	}

	@Override
	public void shutdown() {
		this.timer.shutdownNow();
	}

}
