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
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a busy network thread polling for I/O and tasks for a while before it sleeps in
 * the selector ({@code tcpnet.server.busy-poll}). When frames follow each other closely,
 * as a request and its reply do, the thread finds the next one while polling instead of
 * being woken for it: waking a sleeping thread costs tens of microseconds on a virtual
 * machine, about as much as a whole round trip over loopback.
 *
 * <p>
 * Between two polls it yields its core to any other thread ready to run there, so a
 * polling thread keeps a core only while nothing else wants it.
 *
 * <p>
 * It polls only while the loop is busy: when it last looked for I/O less than
 * {@link #BUSY_WINDOW_POLLS} poll times ago. A loop woken from a longer sleep (a
 * heartbeat, a lone message) goes back to sleep at once, so an idle node costs about as
 * much as without polling. While polling, a task handed to the loop from another thread
 * is seen in its queue: Netty writes to the loop's wake-up descriptor only while the loop
 * sleeps.
 */
final class BusyPoll implements SelectStrategy {

	/**
	 * How many poll times a loop may have slept and still count as busy. One would do if
	 * every frame came within the poll time; but once a poll ends just before the next
	 * frame, the loop sleeps, is woken for it (tens of microseconds more), and a window
	 * of one poll time then never lets it poll again: a run of round trips stayed either
	 * polling or sleeping for good, depending on how it began (a p50 of about 20 or about
	 * 80 us on two cores with 50us). Within this window a loop woken for a frame polls
	 * again; a loop idle for longer does not.
	 */
	static final int BUSY_WINDOW_POLLS = 10;

	private final long pollNanos;

	private final long busyWindowNanos;

	private final LongSupplier clock;

	private @Nullable BooleanSupplier tasksWaiting;

	private long lastLook;

	BusyPoll(long pollNanos, LongSupplier clock, @Nullable BooleanSupplier tasksWaiting) {
		this.pollNanos = pollNanos;
		this.busyWindowNanos = pollNanos * BUSY_WINDOW_POLLS;
		this.clock = clock;
		this.tasksWaiting = tasksWaiting;
		// As if the loop had slept: it polls from its second look in a row on.
		this.lastLook = clock.getAsLong() - this.busyWindowNanos;
	}

	/**
	 * The strategy of each network thread, or Netty's own when {@code poll} is zero.
	 * @param poll how long a busy thread polls before it sleeps
	 * @return the factory of the threads' strategies
	 */
	static SelectStrategyFactory factory(Duration poll) {
		if (poll.isZero()) {
			return DefaultSelectStrategyFactory.INSTANCE;
		}
		long nanos = poll.toNanos();
		return () -> new BusyPoll(nanos, System::nanoTime, null);
	}

	@Override
	public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
		long now = this.clock.getAsLong();
		boolean busy = now - this.lastLook < this.busyWindowNanos;
		this.lastLook = now;
		if (hasTasks) {
			return selectNow.get();
		}
		BooleanSupplier tasks = busy ? tasksWaiting() : null;
		return (tasks != null) ? poll(selectNow, tasks, now + this.pollNanos) : SelectStrategy.SELECT;
	}

	// Until I/O is ready, a task waits, or the poll time is up (then the loop sleeps).
	private int poll(IntSupplier selectNow, BooleanSupplier tasks, long deadline) throws Exception {
		do {
			int ready = selectNow.get();
			if (ready > 0) {
				this.lastLook = this.clock.getAsLong();
				return ready;
			}
			if (tasks.getAsBoolean()) {
				this.lastLook = this.clock.getAsLong();
				return SelectStrategy.CONTINUE;
			}
			// Yields rather than spins: the thread the last frame woke (a requester, or
			// on
			// a small machine the peer's own threads) may be waiting for this core, and a
			// spinning poll kept it waiting until the poll ended. In 20 runs each of 64 B
			// round trips with 50us on two cores: p50 21.2 against 34.6 us, p99 79.6
			// against 155 us.
			Thread.yield();
		}
		while (this.clock.getAsLong() - deadline < 0);
		return SelectStrategy.SELECT;
	}

	// The queue of the loop this runs on, found at its first poll; without one it never
	// polls, since a task handed to it would wait for the poll to end.
	private @Nullable BooleanSupplier tasksWaiting() {
		if (this.tasksWaiting == null) {
			EventExecutor executor = ThreadExecutorMap.currentExecutor();
			if (executor instanceof SingleThreadEventExecutor loop) {
				this.tasksWaiting = () -> loop.pendingTasks() > 0;
			}
		}
		return this.tasksWaiting;
	}

}
