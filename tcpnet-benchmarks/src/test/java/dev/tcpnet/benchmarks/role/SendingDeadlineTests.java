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

package dev.tcpnet.benchmarks.role;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of a sending loop, read from the clock once every 64 messages.
 */
class SendingDeadlineTests {

	@Test
	void aDeadlineInTheFutureLetsTheLoopGoOn() {
		SendingDeadline deadline = new SendingDeadline(3600);
		for (int i = 0; i < 10 * SendingDeadline.MESSAGES_PER_READ; i++) {
			assertThat(deadline.passed()).isFalse();
		}
	}

	@Test
	void theClockIsReadAtTheFirstCallAndEvery64thAfterIt() {
		AtomicLong now = new AtomicLong();
		AtomicInteger reads = new AtomicInteger();
		SendingDeadline deadline = new SendingDeadline(1, () -> {
			reads.incrementAndGet();
			return now.get();
		});
		assertThat(deadline.passed()).isFalse();
		assertThat(reads).hasValue(2);
		now.set(2_000_000_000L);
		// The time is up, and the next 63 calls do not look.
		for (int i = 1; i < SendingDeadline.MESSAGES_PER_READ; i++) {
			assertThat(deadline.passed()).isFalse();
		}
		assertThat(reads).hasValue(2);
		assertThat(deadline.passed()).isTrue();
		assertThat(reads).hasValue(3);
	}

	@Test
	void aDeadlineThatPassedStopsTheLoopAtTheFirstCall() {
		assertThat(new SendingDeadline(0).passed()).isTrue();
		assertThat(new SendingDeadline(-1).passed()).isTrue();
	}

}
