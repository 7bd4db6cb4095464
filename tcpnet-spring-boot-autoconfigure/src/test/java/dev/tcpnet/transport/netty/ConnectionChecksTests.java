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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One task per event loop runs the checks of every connection on it.
 */
class ConnectionChecksTests {

	private final EmbeddedChannel loop = new EmbeddedChannel();

	private final ConnectionChecks checks = new ConnectionChecks(TimeUnit.MILLISECONDS.toNanos(500));

	@BeforeEach
	void freezeTheClock() {
		// Only advanceTimeBy moves the clock, so a round runs exactly when a test says.
		this.loop.freezeTime();
	}

	@AfterEach
	void close() {
		this.loop.finishAndReleaseAll();
	}

	@Test
	void theChecksOfManyConnectionsShareOneTimer() throws Exception {
		CountingExecutor executor = new CountingExecutor();
		try {
			List<ConnectionChecks.Check> added = new ArrayList<>();
			executor.submit(() -> {
				for (int i = 0; i < 100; i++) {
					ConnectionChecks.Check check = (now) -> {
					};
					added.add(check);
					this.checks.add(executor, check);
				}
			}).get();
			assertThat(executor.timers).hasSize(1);
			executor.submit(() -> added.forEach((check) -> this.checks.remove(executor, check))).get();
			assertThat(executor.timers.get(0).isCancelled()).isTrue();
		}
		finally {
			executor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
	}

	@Test
	void theChecksOfManyConnectionsRunTogether() {
		List<Long> runs = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			this.checks.add(this.loop.eventLoop(), runs::add);
		}
		advance(500);
		assertThat(runs).hasSize(100).containsOnly(runs.get(0));
		advance(500);
		assertThat(runs).hasSize(200);
	}

	@Test
	void aLoopWithoutConnectionsHasNoTimer() {
		List<ConnectionChecks.Check> added = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ConnectionChecks.Check check = (now) -> {
			};
			added.add(check);
			this.checks.add(this.loop.eventLoop(), check);
		}
		added.forEach((check) -> this.checks.remove(this.loop.eventLoop(), check));
		// The time to the next scheduled task: none.
		assertThat(this.loop.runScheduledPendingTasks()).isEqualTo(-1);
	}

	@Test
	void aCheckThatClosesItsConnectionDuringARoundLeavesTheOthersRunning() {
		List<String> runs = new ArrayList<>();
		ConnectionChecks.Check[] closing = new ConnectionChecks.Check[1];
		closing[0] = (now) -> {
			runs.add("closing");
			this.checks.remove(this.loop.eventLoop(), closing[0]);
		};
		this.checks.add(this.loop.eventLoop(), closing[0]);
		this.checks.add(this.loop.eventLoop(), (now) -> runs.add("other"));
		this.checks.add(this.loop.eventLoop(), (now) -> {
			throw new IllegalStateException("failing check");
		});
		advance(500);
		advance(500);
		assertThat(runs).containsExactly("closing", "other", "other");
	}

	@Test
	void thePeriodIsHalfTheIntervalAndAQuarterOfEachTimeout() {
		assertThat(
				ConnectionChecks.of(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(3)).periodNanos())
			.isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
		assertThat(
				ConnectionChecks.of(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1)).periodNanos())
			.isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
		assertThat(ConnectionChecks.of(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(30))
			.periodNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
	}

	private void advance(long millis) {
		this.loop.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
		this.loop.runScheduledPendingTasks();
		this.loop.runPendingTasks();
	}

	/** An event loop that keeps the periodic tasks scheduled on it. */
	static final class CountingExecutor extends DefaultEventLoop {

		final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();

		@Override
		public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
				TimeUnit unit) {
			ScheduledFuture<?> timer = super.scheduleWithFixedDelay(command, initialDelay, delay, unit);
			this.timers.add(timer);
			return timer;
		}

	}

}
