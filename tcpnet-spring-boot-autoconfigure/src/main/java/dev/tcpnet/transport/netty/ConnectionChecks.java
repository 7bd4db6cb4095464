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

package dev.tcpnet.transport.netty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic checks of a transport's connections (heartbeats, silence, write stalls),
 * run by one task per event loop for every connection on it. Netty's
 * {@code IdleStateHandler} schedules a task per connection and per kind of check: on an
 * idle node with 31 peers that woke the event loops about 80 times a second, more often
 * than the heartbeats themselves arrived, and every wake-up of a sleeping thread costs
 * more than the check it runs. Here a loop wakes once per {@link #periodNanos() period}
 * whatever the number of connections.
 *
 * <p>
 * A check is added and removed on its channel's event loop, and runs there: nothing it
 * touches needs a lock. A loop with no connections has no task.
 */
final class ConnectionChecks {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionChecks.class);

	private final long periodNanos;

	private final Map<EventExecutor, Loop> loops = new ConcurrentHashMap<>();

	ConnectionChecks(long periodNanos) {
		this.periodNanos = periodNanos;
	}

	/**
	 * The period for the given settings: half the heartbeat interval, so that a ping
	 * leaves within a quarter of the interval of when it is due, and a quarter of each
	 * timeout, so that a stall is seen within a quarter more than the write timeout.
	 * @param heartbeatInterval the heartbeat interval
	 * @param heartbeatTimeout the heartbeat timeout
	 * @param writeTimeout the write timeout
	 * @return the checks
	 */
	static ConnectionChecks of(Duration heartbeatInterval, Duration heartbeatTimeout, Duration writeTimeout) {
		long period = Math.min(heartbeatInterval.toNanos() / 2,
				Math.min(heartbeatTimeout.toNanos(), writeTimeout.toNanos()) / WriteStallHandler.CHECKS_PER_TIMEOUT);
		return new ConnectionChecks(Math.max(1, period));
	}

	/**
	 * How often every check runs.
	 * @return the period in nanoseconds
	 */
	long periodNanos() {
		return this.periodNanos;
	}

	/**
	 * On the executor: runs the check every period from now on.
	 * @param executor the channel's event loop
	 * @param check the check
	 */
	void add(EventExecutor executor, Check check) {
		this.loops.computeIfAbsent(executor, Loop::new).add(check);
	}

	/**
	 * On the executor: stops running the check; does nothing if it does not run.
	 * @param executor the channel's event loop
	 * @param check the check
	 */
	void remove(EventExecutor executor, Check check) {
		Loop loop = this.loops.get(executor);
		if (loop != null && loop.remove(check)) {
			// Only this executor's thread adds to its loop: nothing is added meanwhile.
			this.loops.remove(executor, loop);
		}
	}

	/** The checks of one event loop, confined to it. */
	private final class Loop {

		private final EventExecutor executor;

		private final List<Check> checks = new ArrayList<>();

		private @Nullable ScheduledFuture<?> task;

		Loop(EventExecutor executor) {
			this.executor = executor;
		}

		void add(Check check) {
			this.checks.add(check);
			if (this.task == null) {
				// With a fixed delay, an event loop that was held up runs one round, not
				// every round that fell due meanwhile.
				this.task = this.executor.scheduleWithFixedDelay(this::run, ConnectionChecks.this.periodNanos,
						ConnectionChecks.this.periodNanos, TimeUnit.NANOSECONDS);
			}
		}

		// Whether no check is left.
		boolean remove(Check check) {
			this.checks.remove(check);
			if (!this.checks.isEmpty()) {
				return false;
			}
			ScheduledFuture<?> task = this.task;
			if (task != null) {
				task.cancel(false);
				this.task = null;
			}
			return true;
		}

		private void run() {
			long now = this.executor.ticker().nanoTime();
			// A copy: a check may close its channel, which removes checks.
			for (Check check : this.checks.toArray(new Check[0])) {
				try {
					check.check(now);
				}
				catch (RuntimeException ex) {
					// One connection's failure must not end every other's checks.
					logger.warn("A periodic connection check failed", ex);
				}
			}
		}

	}

	/** Something checked periodically on a channel's event loop. */
	interface Check {

		/**
		 * Runs the check.
		 * @param nowNanos the event loop's clock
		 */
		void check(long nowNanos);

	}

}
