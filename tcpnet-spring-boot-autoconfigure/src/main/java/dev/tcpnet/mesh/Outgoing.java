package dev.tcpnet.mesh;

import java.util.concurrent.CompletableFuture;

import dev.tcpnet.transport.Envelope;

/**
 * An envelope waiting for its acknowledgement, and the sender's future. Its sequence
 * number and payload size are copied here: an acknowledgement reads them for every
 * envelope it covers, and by then the envelopes and payloads, written a window earlier,
 * are mostly out of the cache.
 */
record Outgoing(Envelope envelope, long seq, int size, long enqueuedNanos, CompletableFuture<Void> acknowledged) {

	Outgoing(Envelope envelope, long enqueuedNanos) {
		this(envelope, envelope.seq(), envelope.payload().length, enqueuedNanos, new CompletableFuture<>());
	}

}
