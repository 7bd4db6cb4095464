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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BufferClock}: nothing expires before its timeout, everything expires
 * at most an epoch after it, and what it keeps stays bounded.
 */
class BufferClockTests {

	private static final long TIMEOUT = 1_024_000;

	private final AtomicLong now = new AtomicLong(5_000_000);

	private final BufferClock clock = new BufferClock(this.now::get, TIMEOUT);

	@Test
	void aStampExpiresOnceItsEpochEndedTheTimeoutAgoAndNotBefore() {
		long first = this.clock.stamp();
		// Enqueued at the end of the first epoch: the stamp may only expire a timeout
		// after that end.
		advance(999);
		assertThat(this.clock.expiredBelow()).isLessThanOrEqualTo(first);
		advance(1);
		this.clock.expiredBelow();
		long second = this.clock.stamp();
		assertThat(second).isGreaterThan(first);
		advance(TIMEOUT - 1);
		assertThat(this.clock.expiredBelow()).as("a nanosecond before the timeout").isLessThanOrEqualTo(first);
		advance(1);
		assertThat(this.clock.expiredBelow()).as("at the timeout").isGreaterThan(first).isLessThanOrEqualTo(second);
	}

	@Test
	void noStampExpiresBeforeTheTimeoutWhateverTheMaintenanceRhythm() {
		long[] stampedAt = new long[4000];
		long[] stamps = new long[4000];
		List<String> wrong = new ArrayList<>();
		for (int i = 0; i < stamps.length; i++) {
			stamps[i] = this.clock.stamp();
			stampedAt[i] = this.now.get();
			// Irregular maintenance: sometimes every few nanoseconds, sometimes after
			// several epochs.
			advance((i % 7 == 0) ? 3_001 : 97);
			long expiredBelow = this.clock.expiredBelow();
			for (int j = 0; j <= i; j++) {
				boolean expired = stamps[j] < expiredBelow;
				long waited = this.now.get() - stampedAt[j];
				// Never early; at most an epoch and the longest gap between maintenances
				// late.
				if ((expired && waited < TIMEOUT) || (!expired && waited >= TIMEOUT + 1_000 + 3_001)) {
					wrong.add("stamp " + j + (expired ? " expired" : " kept") + " after " + waited + " ns");
				}
			}
		}
		assertThat(wrong).isEmpty();
		assertThat(this.clock.expiredBelow()).as("the first quarter expired").isGreaterThan(stamps[stamps.length / 4]);
	}

	@Test
	void theEndTimesKeptAreBoundedByTheEpochsOfOneTimeout() {
		// Maintenance every tenth of an epoch, for two timeouts.
		for (int i = 0; i < 20_480; i++) {
			advance(100);
			this.clock.expiredBelow();
		}
		assertThat(this.clock.epochsKept()).isBetween(BufferClock.EPOCHS_PER_TIMEOUT - 1,
				BufferClock.EPOCHS_PER_TIMEOUT + 1);
	}

	private void advance(long nanos) {
		this.now.addAndGet(nanos);
	}

}
