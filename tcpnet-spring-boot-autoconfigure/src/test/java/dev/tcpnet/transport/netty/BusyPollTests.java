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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a network thread polls before it sleeps, against a clock that moves a microsecond
 * each time it is read.
 */
class BusyPollTests {

	private static final long POLL = 50_000;

	private static final long BUSY_WINDOW = POLL * BusyPoll.BUSY_WINDOW_POLLS;

	private long now = 1_000_000_000L;

	private boolean taskWaiting;

	private final BusyPoll strategy = new BusyPoll(POLL, this::tick, () -> this.taskWaiting);

	@Test
	void aLoopWokenFromASleepSleepsAgainWithoutPolling() throws Exception {
		Selects selects = new Selects();
		assertThat(this.strategy.calculateStrategy(selects, false)).isEqualTo(SelectStrategy.SELECT);
		this.now += BUSY_WINDOW;
		assertThat(this.strategy.calculateStrategy(selects, false)).isEqualTo(SelectStrategy.SELECT);
		assertThat(selects.calls).isZero();
	}

	@Test
	void aBusyLoopPollsUntilIoIsReady() throws Exception {
		this.strategy.calculateStrategy(new Selects(), false);
		this.now += 10_000;
		Selects selects = new Selects(0, 0, 3);
		assertThat(this.strategy.calculateStrategy(selects, false)).isEqualTo(3);
		assertThat(selects.calls).isEqualTo(3);
	}

	@Test
	void aLoopThatFoundIoPollsAgainAfterHandlingIt() throws Exception {
		this.strategy.calculateStrategy(new Selects(), false);
		this.now += 10_000;
		this.strategy.calculateStrategy(new Selects(1), false);
		this.now += 20_000;
		Selects selects = new Selects(0, 2);
		assertThat(this.strategy.calculateStrategy(selects, false)).isEqualTo(2);
		assertThat(selects.calls).isEqualTo(2);
	}

	@Test
	void aTaskHandedToThePollingLoopEndsThePoll() throws Exception {
		this.strategy.calculateStrategy(new Selects(), false);
		this.now += 10_000;
		this.taskWaiting = true;
		Selects selects = new Selects();
		assertThat(this.strategy.calculateStrategy(selects, false)).isEqualTo(SelectStrategy.CONTINUE);
		assertThat(selects.calls).isOne();
	}

	@Test
	void aPollThatFindsNothingEndsAfterThePollTimeAndTheLoopThenSleeps() throws Exception {
		this.strategy.calculateStrategy(new Selects(), false);
		this.now += 10_000;
		long start = this.now;
		Selects selects = new Selects();
		assertThat(this.strategy.calculateStrategy(selects, false)).isEqualTo(SelectStrategy.SELECT);
		assertThat(this.now - start).isBetween(POLL, POLL + 10_000);
		assertThat(selects.calls).isPositive();
	}

	// A run of round trips whose frames came just after the polls ended stayed sleeping
	// for good when a loop woken for a frame did not poll again.
	@Test
	void aLoopWokenForAFrameSoonAfterAPollThatFoundNothingPollsAgain() throws Exception {
		pollFindingNothing();
		// Woken for a frame 30 µs after the poll ended; handling it took 10 µs.
		this.now += 40_000;
		Selects selects = new Selects(0, 1);
		assertThat(this.strategy.calculateStrategy(selects, false)).isEqualTo(1);
		assertThat(selects.calls).isEqualTo(2);
	}

	@Test
	void aLoopThatSleptThroughTheBusyWindowAfterAPollSleepsWithoutPolling() throws Exception {
		pollFindingNothing();
		this.now += BUSY_WINDOW;
		Selects afterSleep = new Selects();
		assertThat(this.strategy.calculateStrategy(afterSleep, false)).isEqualTo(SelectStrategy.SELECT);
		assertThat(afterSleep.calls).isZero();
	}

	@Test
	void aLoopWithTasksLooksForIoOnceAndRunsThem() throws Exception {
		this.strategy.calculateStrategy(new Selects(), false);
		this.now += 10_000;
		Selects selects = new Selects();
		assertThat(this.strategy.calculateStrategy(selects, true)).isZero();
		assertThat(selects.calls).isOne();
	}

	@Test
	void noPollLeavesNettysOwnStrategy() {
		assertThat(BusyPoll.factory(Duration.ZERO)).isSameAs(DefaultSelectStrategyFactory.INSTANCE);
		assertThat(BusyPoll.factory(Duration.ofNanos(50_000)).newSelectStrategy()).isInstanceOf(BusyPoll.class);
	}

	// A loop that looked 10 µs ago polls, finds nothing for the whole poll time, and goes
	// to sleep.
	private void pollFindingNothing() throws Exception {
		this.strategy.calculateStrategy(new Selects(), false);
		this.now += 10_000;
		assertThat(this.strategy.calculateStrategy(new Selects(), false)).isEqualTo(SelectStrategy.SELECT);
	}

	private long tick() {
		this.now += 1_000;
		return this.now;
	}

	/** What selectNow finds, call by call; nothing once the list is used up. */
	private static final class Selects implements IntSupplier {

		private final Deque<Integer> ready;

		private int calls;

		Selects(Integer... ready) {
			this.ready = new ArrayDeque<>(List.of(ready));
		}

		@Override
		public int get() {
			this.calls++;
			Integer next = this.ready.poll();
			return (next != null) ? next : 0;
		}

	}

}
