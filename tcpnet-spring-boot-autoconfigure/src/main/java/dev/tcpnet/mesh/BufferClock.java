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

import java.util.function.LongSupplier;

/**
 * Stamps what is enqueued for a peer, for {@code tcpnet.delivery.buffer-timeout}, without
 * reading the system clock per message: that took 47 ns on the VMs measured, a tenth of a
 * streaming sender's thread. A stamp is the number of the current epoch, a volatile read.
 * Epochs end at the delivery's maintenance, once at least 1/1024 of the timeout has
 * passed; an envelope counts as expired once its epoch ended the timeout ago. So none
 * expires before its time, and each at most one epoch (1/1024 of the timeout, or one
 * maintenance interval if that is longer) later than by its own clock reading, besides
 * the wait for the maintenance that finds it; and the end times kept are at most 1,025.
 */
final class BufferClock {

	static final int EPOCHS_PER_TIMEOUT = 1024;

	private final LongSupplier nanoTime;

	private final long timeoutNanos;

	private final long epochNanos;

	private volatile long epoch;

	// Only maintenance touches these (under this monitor): when the current epoch began,
	// and the end times of the epochs since the first not yet expired, in a ring.
	private long epochStartNanos;

	private long[] ends = new long[16];

	private int first;

	private int count;

	private long firstEpoch;

	BufferClock(LongSupplier nanoTime, long timeoutNanos) {
		this.nanoTime = nanoTime;
		this.timeoutNanos = timeoutNanos;
		this.epochNanos = Math.max(1, timeoutNanos / EPOCHS_PER_TIMEOUT);
		this.epochStartNanos = nanoTime.getAsLong();
	}

	/**
	 * Returns the stamp of what is enqueued now.
	 * @return the current epoch
	 */
	long stamp() {
		return this.epoch;
	}

	/**
	 * At maintenance: ends the current epoch if it is due, and returns the first stamp
	 * that has not expired.
	 * @return the stamp below which envelopes have waited longer than the timeout
	 */
	synchronized long expiredBelow() {
		if (this.nanoTime.getAsLong() - this.epochStartNanos >= this.epochNanos) {
			// The end is read after the new epoch shows: whatever took the old
			// stamp was enqueued before the end recorded for it.
			this.epoch++;
			long end = this.nanoTime.getAsLong();
			append(end);
			this.epochStartNanos = end;
		}
		long now = this.nanoTime.getAsLong();
		while (this.count > 0 && now - this.ends[this.first] >= this.timeoutNanos) {
			this.first = (this.first + 1) % this.ends.length;
			this.count--;
			this.firstEpoch++;
		}
		return this.firstEpoch;
	}

	/**
	 * Returns how many epoch end times are kept.
	 * @return the count
	 */
	synchronized int epochsKept() {
		return this.count;
	}

	private void append(long end) {
		if (this.count == this.ends.length) {
			long[] grown = new long[this.ends.length * 2];
			for (int i = 0; i < this.count; i++) {
				grown[i] = this.ends[(this.first + i) % this.ends.length];
			}
			this.ends = grown;
			this.first = 0;
		}
		this.ends[(this.first + this.count) % this.ends.length] = end;
		this.count++;
	}

}
