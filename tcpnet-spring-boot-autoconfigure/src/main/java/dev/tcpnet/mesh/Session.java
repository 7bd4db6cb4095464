package dev.tcpnet.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.tcpnet.peer.Peer;
import dev.tcpnet.transport.Connection;
import org.jspecify.annotations.Nullable;

/**
 * One connected peer: its snapshot and the connection kept for the pair. The connection is
 * briefly absent when the remote dropped it as a duplicate and the connection it keeps has not
 * completed on this side yet; sends then wait in {@code pending}.
 */
final class Session {

	private volatile Peer peer;

	private volatile @Nullable Connection connection;

	private final List<PendingSend> pending = new ArrayList<>();

	Session(Peer peer, Connection connection) {
		this.peer = peer;
		this.connection = connection;
	}

	Peer peer() {
		return this.peer;
	}

	@Nullable Connection connection() {
		return this.connection;
	}

	long incarnation() {
		Connection connection = this.connection;
		return (connection != null) ? connection.remote().incarnation() : -1;
	}

	boolean isCarriedBy(Connection connection) {
		return this.connection == connection;
	}

	void switchTo(Connection connection, Peer peer) {
		this.connection = connection;
		this.peer = peer;
		for (PendingSend send : this.pending) {
			connection.send(send.topic(), send.payload()).whenComplete((ok, ex) -> send.complete(ex));
		}
		this.pending.clear();
	}

	void awaitReplacement() {
		this.connection = null;
	}

	CompletableFuture<Void> enqueue(String topic, byte[] payload) {
		PendingSend send = new PendingSend(topic, payload, new CompletableFuture<>());
		this.pending.add(send);
		return send.future();
	}

	void failPending(Throwable failure) {
		this.pending.forEach((send) -> send.future().completeExceptionally(failure));
		this.pending.clear();
	}

	private record PendingSend(String topic, byte[] payload, CompletableFuture<Void> future) {

		void complete(@Nullable Throwable failure) {
			if (failure != null) {
				this.future.completeExceptionally(failure);
			}
			else {
				this.future.complete(null);
			}
		}

	}

}
