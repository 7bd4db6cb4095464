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

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A simulated world for the mesh: one virtual clock and one queue of tasks, run one at a
 * time in time order, with every random choice drawn from one seeded generator. The same
 * seed gives the same run, step for step: a failure is reproduced from the seed it
 * prints.
 */
final class SimWorld {

	final SplittableRandom random;

	private final PriorityQueue<Task> queue = new PriorityQueue<>(
			Comparator.comparingLong(Task::at).thenComparingLong(Task::order));

	private long now;

	private long order;

	SimWorld(long seed) {
		this.random = new SplittableRandom(seed);
	}

	long now() {
		return this.now;
	}

	/** Runs a task after a delay. */
	Scheduler.Cancellable after(long delayNanos, Runnable task) {
		Task scheduled = new Task(this.now + Math.max(0, delayNanos), this.order++, task);
		this.queue.add(scheduled);
		return () -> scheduled.cancelled = true;
	}

	/** Runs the next task; returns false when there is none. */
	boolean step() {
		Task task = this.queue.poll();
		if (task == null) {
			return false;
		}
		this.now = Math.max(this.now, task.at);
		if (!task.cancelled) {
			task.run.run();
		}
		return true;
	}

	/** Runs every task due up to {@code time} from now. */
	void runFor(long nanos) {
		long until = this.now + nanos;
		while (!this.queue.isEmpty() && this.queue.peek().at <= until) {
			step();
		}
		this.now = Math.max(this.now, until);
	}

	/** A random delay between the bounds, in nanoseconds. */
	long delay(long minMicros, long maxMicros) {
		return TimeUnit.MICROSECONDS.toNanos(this.random.nextLong(minMicros, maxMicros + 1));
	}

	/** A node's clock and timer: stops running its tasks once shut down. */
	Scheduler scheduler() {
		return new Scheduler() {

			private boolean stopped;

			@Override
			public long nanoTime() {
				return SimWorld.this.now;
			}

			@Override
			public Cancellable schedule(Runnable task, long delayNanos) {
				if (this.stopped) {
					return Cancellable.NONE;
				}
				return after(delayNanos, () -> {
					if (!this.stopped) {
						task.run();
					}
				});
			}

			@Override
			public void shutdown() {
				this.stopped = true;
			}

		};
	}

	/** An executor that runs each task a little later, in no particular order. */
	Executor pool() {
		return (task) -> after(delay(1, 300), task);
	}

	/**
	 * An executor that runs its tasks one at a time, in the order given, each a little
	 * later (a single thread); {@link Serial#slowFor} makes it lag.
	 */
	Serial serial() {
		return new Serial();
	}

	final class Serial implements Executor {

		private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

		private boolean running;

		private long slowUntil;

		@Override
		public void execute(Runnable task) {
			this.tasks.add(task);
			if (!this.running) {
				this.running = true;
				next();
			}
		}

		void slowFor(long nanos) {
			this.slowUntil = SimWorld.this.now + nanos;
		}

		private void next() {
			long lag = (SimWorld.this.now < this.slowUntil) ? TimeUnit.MILLISECONDS.toNanos(20) : delay(1, 100);
			after(lag, () -> {
				Runnable task = this.tasks.poll();
				if (task != null) {
					task.run();
				}
				if (this.tasks.isEmpty()) {
					this.running = false;
				}
				else {
					next();
				}
			});
		}

	}

	private static final class Task {

		private final long at;

		private final long order;

		private final Runnable run;

		private boolean cancelled;

		Task(long at, long order, Runnable run) {
			this.at = at;
			this.order = order;
			this.run = run;
		}

		long at() {
			return this.at;
		}

		long order() {
			return this.order;
		}

	}

}
