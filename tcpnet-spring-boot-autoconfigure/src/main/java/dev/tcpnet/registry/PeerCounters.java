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

package dev.tcpnet.registry;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * The live counters behind one peer's {@link PeerStatistics}.
 */
final class PeerCounters {

	private final LongAdder messagesIn = new LongAdder();

	private final LongAdder messagesOut = new LongAdder();

	private final LongAdder bytesIn = new LongAdder();

	private final LongAdder bytesOut = new LongAdder();

	private volatile Instant lastSeen;

	private volatile @Nullable Long rttMillis;

	PeerCounters(Instant connectedAt) {
		this.lastSeen = connectedAt;
	}

	void received(int messages, long bytes) {
		this.messagesIn.add(messages);
		this.bytesIn.add(bytes);
		this.lastSeen = Instant.now();
	}

	void roundTrip(long nanos) {
		this.rttMillis = TimeUnit.NANOSECONDS.toMillis(nanos);
		this.lastSeen = Instant.now();
	}

	void sent(int messages, long bytes) {
		this.messagesOut.add(messages);
		this.bytesOut.add(bytes);
	}

	PeerStatistics snapshot() {
		return new PeerStatistics(this.messagesIn.sum(), this.messagesOut.sum(), this.bytesIn.sum(),
				this.bytesOut.sum(), this.lastSeen, this.rttMillis);
	}

}
