package dev.tcpnet.registry;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind one peer's {@link PeerStatistics}.
 */
final class PeerCounters {

	private final LongAdder messagesIn = new LongAdder();

	private final LongAdder messagesOut = new LongAdder();

	private final LongAdder bytesIn = new LongAdder();

	private final LongAdder bytesOut = new LongAdder();

	private volatile Instant lastSeen;

	PeerCounters(Instant connectedAt) {
		this.lastSeen = connectedAt;
	}

	void received(int bytes) {
		this.messagesIn.increment();
		this.bytesIn.add(bytes);
		this.lastSeen = Instant.now();
	}

	void sent(int bytes) {
		this.messagesOut.increment();
		this.bytesOut.add(bytes);
	}

	PeerStatistics snapshot() {
		return new PeerStatistics(this.messagesIn.sum(), this.messagesOut.sum(), this.bytesIn.sum(),
				this.bytesOut.sum(), this.lastSeen, null);
	}

}
