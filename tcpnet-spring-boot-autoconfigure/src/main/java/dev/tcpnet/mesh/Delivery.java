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

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.tcpnet.Broadcast;
import dev.tcpnet.MessageDroppedException;
import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.mesh.InboundStream.Receipt;
import dev.tcpnet.mesh.OutboundStream.Limits;
import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Envelope;

/**
 * Moves envelopes: numbers and buffers what is sent until the peer acknowledges it,
 * delivers what is received exactly once and in order, acknowledges what was handed to
 * the application, answers and completes requests, and drops what cannot be delivered
 * with a reason (never silently). Futures complete without running application code on
 * tcpnet's threads ({@link TcpnetFuture}).
 */
final class Delivery {

	/**
	 * Acknowledge at once when this many envelopes wait for it, not only on the timer.
	 */
	static final long ACK_BATCH = 64;

	/**
	 * How many envelopes a peer must send without acknowledging anything, for the stall
	 * timeout, before it counts as not reading what it is sent: a flood is evidence, a
	 * few envelopes sent just before a process stalled on a busy machine are not (32
	 * nodes starting on 2 cores closed each other a hundred times on that) and are left
	 * to the heartbeats.
	 */
	static final long STALL_EVIDENCE = 4 * ACK_BATCH;

	/** The shortest gap between two acknowledgements of reads to one peer. */
	static final long ACK_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	/**
	 * Stop reading from peers while this many events wait for the application's
	 * listeners; resume when they are down to a quarter.
	 */
	static final int EVENTS_HIGH_WATER = 10_000;

	private final Sessions sessions;

	private final DefaultPeerRegistry registry;

	private final MeshSettings settings;

	private final Limits limits;

	private final Executor callbacks;

	private final ReadGate gate;

	private Requests requests;

	private Membership membership;

	Delivery(Sessions sessions, DefaultPeerRegistry registry, MeshSettings settings, Executor callbacks,
			ReadGate gate) {
		this.sessions = sessions;
		this.registry = registry;
		this.settings = settings;
		this.limits = settings.limits();
		this.callbacks = callbacks;
		this.gate = gate;
	}

	void wire(Requests requests, Membership membership) {
		this.requests = requests;
		this.membership = membership;
	}

	// Sending

	CompletableFuture<Void> send(Session session, Envelope.Kind kind, long correlationId, String topic,
			byte[] payload) {
		return send(session, kind, correlationId, topic, payload, Headers.EMPTY);
	}

	CompletableFuture<Void> send(Session session, Envelope.Kind kind, long correlationId, String topic, byte[] payload,
			Headers headers) {
		TcpnetFuture<Void> acknowledged = new TcpnetFuture<>(this.callbacks);
		if (session.enqueue(kind, correlationId, topic, payload, headers, this.limits, acknowledged) != null) {
			return acknowledged;
		}
		MessageDroppedEvent.Reason reason = session.refusal();
		this.registry.messageDropped(session.nodeId, topic, reason);
		acknowledged.completeExceptionally(new MessageDroppedException(session.nodeId, reason));
		return acknowledged;
	}

	/**
	 * Sends a message of a stream, waiting for room for at most {@code maxWaitNanos} when
	 * {@code waiting}. A message the ended session refuses is dropped and reported to the
	 * stream's next flush.
	 * @return whether it was taken (or dropped as the session had ended); {@code false}
	 * when the buffer stayed full
	 * @throws MessageDroppedException when {@code waiting} and the buffer stayed full
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean stream(Session session, MeshTopicStream stream, byte[] payload, long maxWaitNanos, boolean waiting)
			throws InterruptedException {
		if (session.enqueue(payload, this.limits, stream, maxWaitNanos)) {
			return true;
		}
		String topic = stream.topic();
		MessageDroppedEvent.Reason reason = session.refusal();
		if (reason == MessageDroppedEvent.Reason.OVERFLOW && !waiting) {
			return false;
		}
		this.registry.messageDropped(session.nodeId, topic, reason);
		MessageDroppedException failure = new MessageDroppedException(session.nodeId, reason);
		if (reason == MessageDroppedEvent.Reason.OVERFLOW) {
			throw failure;
		}
		stream.droppedUntaken(failure);
		return true;
	}

	/**
	 * Sends a request. Its reply completes it: a request that is dropped fails its
	 * reply's future with the reason.
	 */
	void request(Session session, long id, String topic, byte[] payload) {
		request(session, id, topic, payload, Headers.EMPTY);
	}

	void request(Session session, long id, String topic, byte[] payload, Headers headers) {
		CompletableFuture<Void> unused = new CompletableFuture<>();
		if (session.enqueue(Envelope.Kind.REQUEST, id, topic, payload, headers, this.limits, unused) == null) {
			MessageDroppedEvent.Reason reason = session.refusal();
			this.registry.messageDropped(session.nodeId, topic, reason);
			this.requests.failed(id, new MessageDroppedException(session.nodeId, reason));
		}
	}

	/**
	 * Sends a reply. One that does not fit (the requester does not acknowledge its
	 * replies) is replaced by a refusal the requester can read, and when even that does
	 * not fit, the request is left to time out: both are counted as dropped.
	 */
	void reply(Session session, Envelope.Kind kind, long correlationId, String topic, byte[] payload) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		if (session.enqueue(kind, correlationId, topic, payload, this.limits, done) != null) {
			return;
		}
		MessageDroppedEvent.Reason reason = session.refusal();
		this.registry.messageDropped(session.nodeId, topic, reason);
		if (reason == MessageDroppedEvent.Reason.OVERFLOW) {
			byte[] refusal = ("The reply of " + payload.length + " bytes was dropped: " + session.bufferedMessages()
					+ " envelopes wait for the requester to acknowledge them")
				.getBytes(StandardCharsets.UTF_8);
			session.enqueueRefusal(correlationId, topic, refusal, this.limits, done);
		}
	}

	/**
	 * Sends to every peer {@link #send} takes messages for: connected, or known and
	 * momentarily unreachable (buffered until it is back).
	 */
	Broadcast broadcast(String topic, byte[] payload) {
		return broadcast(topic, payload, Headers.EMPTY);
	}

	/** Sends with headers to every peer {@link #broadcast(String, byte[])} takes. */
	Broadcast broadcast(String topic, byte[] payload, Headers headers) {
		Map<NodeId, CompletableFuture<Void>> sent = new LinkedHashMap<>();
		for (Session session : this.sessions.all()) {
			sent.put(session.nodeId, send(session, Envelope.Kind.MESSAGE, 0, topic, payload, headers));
		}
		return new Broadcast(sent);
	}

	/**
	 * The peers a broadcast goes to, as {@link #broadcast(String, byte[])} takes them.
	 */
	List<NodeId> broadcastTargets() {
		return this.sessions.all().stream().map((session) -> session.nodeId).toList();
	}

	/** Where the stages chained to the futures of sends and streams run. */
	Executor callbacks() {
		return this.callbacks;
	}

	// Receiving: on network threads

	/**
	 * Takes an envelope read from a connection.
	 * @param session the session of the connection's peer, as {@link Sessions} holds it
	 * now ({@code null}: none)
	 * @param connection the connection
	 * @param envelope the envelope
	 */
	void received(@Nullable Session session, Connection connection, Envelope envelope) {
		if (session == null) {
			return;
		}
		Receipt receipt = session.receive(connection, envelope, ACK_BATCH);
		Peer peer = session.peer;
		if (receipt == Receipt.VIOLATION) {
			this.membership.violated(connection, session.violation());
			return;
		}
		if (receipt != Receipt.NEW || peer == null) {
			return;
		}
		switch (envelope.kind()) {
			case MESSAGE -> {
				// Held by the session until the read completes.
			}
			case REQUEST -> {
				this.requests.answer(peer, envelope,
						(kind, reply) -> reply(session, kind, envelope.correlationId(), envelope.topic(), reply));
				// Checked per request, not only when the read completes: one batch of
				// reads can carry thousands of small requests, more than the handlers'
				// queue has room for above the gate's mark.
				this.gate.afterRead(connection);
			}
			case REPLY, REPLY_ERROR -> this.requests.replied(session.nodeId, envelope);
		}
	}

	/**
	 * Hands the messages of one read to the application, acknowledges them, and slows the
	 * peer down if the application lags.
	 * @param session the session of the connection's peer, as {@link #received} takes it
	 * @param connection the connection
	 */
	void readComplete(@Nullable Session session, Connection connection) {
		if (session == null) {
			return;
		}
		Peer peer = session.peer;
		boolean handedOver = false;
		// Under the session's lock: two connections' reads hand over in the order they
		// took.
		synchronized (session) {
			List<Envelope> messages = session.takeHeld();
			if (!messages.isEmpty() && peer != null) {
				this.registry.messagesReceived(peer, messages);
				handedOver = true;
			}
		}
		if (handedOver) {
			acknowledgeSoon(session);
		}
		// Requests count too: a read of nothing but requests may fill the handlers'
		// queue.
		this.gate.afterRead(connection);
	}

	/**
	 * Acknowledges the messages of a read at once, or at most {@link #ACK_GAP_NANOS}
	 * later when they are fewer than {@link #ACK_BATCH} and the previous acknowledgement
	 * is more recent than that: a lone message's sender hears back within a round trip, a
	 * busy link of small reads sends a few acknowledgements a millisecond, not one per
	 * read, and a read of a batch or more is acknowledged at once. Requests and replies
	 * complete by their replies: theirs wait for a batch or
	 * {@code tcpnet.delivery.ack-interval}.
	 */
	private void acknowledgeSoon(Session session) {
		if (session.acknowledgeOrDefer(ACK_BATCH, ACK_GAP_NANOS)) {
			this.sessions.clock.schedule(session::acknowledgeDeferred, ACK_GAP_NANOS);
		}
	}

	/**
	 * Settles what the peer acknowledged up to {@code seq}.
	 * @param session the session of the connection's peer, as {@link #received} takes it
	 * @param connection the connection
	 * @param seq the acknowledged sequence number
	 */
	void acknowledged(@Nullable Session session, Connection connection, long seq) {
		if (session == null) {
			return;
		}
		OutboundStream.Acknowledged acknowledged = session.acknowledged(connection, seq);
		if (acknowledged == null) {
			this.membership.violated(connection, "acknowledged envelope " + seq + ", which was never sent");
			return;
		}
		if (acknowledged.count() == 0) {
			return;
		}
		this.registry.messagesSent(session.nodeId, acknowledged.count(), acknowledged.bytes());
		acknowledged.settleStreams();
		TcpnetFuture.completeAllOn(acknowledged.futures());
	}

	void resumed(Connection connection, long seq) {
		Session session = this.sessions.get(connection.remote().nodeId());
		if (session != null) {
			session.resumed(connection, seq);
		}
	}

	/** A closed connection is neither paused nor resumed any more. */
	void forget(Connection connection) {
		this.gate.forget(connection);
	}

	// Maintenance: acknowledgements that did not reach a batch, and messages waiting too
	// long.

	void maintain() {
		long expiredBelow = this.sessions.bufferClock.expiredBelow();
		long stallNanos = this.settings.stallTimeout().toNanos();
		for (Session session : this.sessions.all()) {
			session.acknowledgeIfDue(1);
			for (Outgoing outgoing : session.expired(expiredBelow)) {
				drop(session, outgoing, MessageDroppedEvent.Reason.TIMEOUT);
			}
			session.trimBuffer();
			Connection stalled = session.stalled(stallNanos, STALL_EVIDENCE);
			if (stalled != null) {
				this.membership.stalledAcknowledging(session, stalled, this.settings.stallTimeout());
			}
		}
		this.registry.flushDrops();
	}

	void dropAll(Session session, MessageDroppedEvent.Reason reason) {
		for (Outgoing outgoing : session.end(reason)) {
			drop(session, outgoing, reason);
		}
	}

	private void drop(Session session, Outgoing outgoing, MessageDroppedEvent.Reason reason) {
		Envelope envelope = outgoing.envelope();
		this.registry.messageDropped(session.nodeId, envelope.topic(), reason);
		MessageDroppedException failure = new MessageDroppedException(session.nodeId, reason);
		if (envelope.kind() == Envelope.Kind.REQUEST) {
			this.requests.failed(envelope.correlationId(), failure);
		}
		MeshTopicStream stream = outgoing.stream();
		if (stream != null) {
			stream.settled(1, failure);
		}
		else {
			TcpnetFuture.completeOn(outgoing.acknowledged(), null, failure);
		}
	}

}
