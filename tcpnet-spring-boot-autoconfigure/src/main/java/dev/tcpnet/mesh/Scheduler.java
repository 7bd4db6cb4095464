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

/**
 * The mesh's clock and timer. The mesh reads time and schedules its timeouts only through
 * this, so that a test can run it on a simulated clock, step by step, reproducibly.
 */
interface Scheduler {

	/**
	 * Returns the current time of this scheduler's clock.
	 * @return nanoseconds, comparable only with other readings of the same scheduler
	 */
	long nanoTime();

	/**
	 * Runs a task once after a delay. Tasks never run application code.
	 * @param task the task
	 * @param delayNanos the delay
	 * @return a handle to cancel it
	 */
	Cancellable schedule(Runnable task, long delayNanos);

	/**
	 * Stops running tasks; later {@link #schedule} calls do nothing.
	 */
	void shutdown();

	/**
	 * A scheduled task that may be cancelled.
	 */
	@FunctionalInterface
	interface Cancellable {

		/** A task that will never run. */
		Cancellable NONE = () -> {
		};

		/**
		 * Cancels the task if it has not run.
		 */
		void cancel();

	}

}
