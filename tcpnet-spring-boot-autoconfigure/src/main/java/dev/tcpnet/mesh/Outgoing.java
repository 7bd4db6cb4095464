package dev.tcpnet.mesh;

import java.util.concurrent.CompletableFuture;

import dev.tcpnet.transport.Envelope;

/**
 * An envelope waiting for its acknowledgement, and the sender's future.
 */
record Outgoing(Envelope envelope, long enqueuedNanos, CompletableFuture<Void> acknowledged) {

	long seq() {
		return this.envelope.seq();
	}

}
