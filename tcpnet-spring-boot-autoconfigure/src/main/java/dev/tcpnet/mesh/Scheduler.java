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
