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

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Envelope;

/**
 * One peer as the mesh knows it, across connections: its state, the connection kept for
 * the pair, the stream of envelopes to it (numbered, kept until acknowledged, sent again
 * on every new connection) and the stream from it (delivered only when newer than the
 * last delivered, so exactly once and in order).
 *
 * <p>
 * Lifecycle fields are guarded by the mesh's lock; the streams by this session's lock
 * (taken after the mesh's, never before).
 */
final class Session {

	enum State {

		/** Seen by discovery, never connected yet. */
		PENDING,

		/** Connected. */
		CONNECTED,

		/** The peer dropped our connection as a duplicate; its own is on the way. */
		AWAITING_REPLACEMENT,

		/** Lost; being redialed. */
		RECONNECTING

	}

	final NodeId nodeId;

	volatile State state;

	volatile @Nullable Peer peer;

	List<InetSocketAddress> addresses;

	int attempt;

	long unreachableSinceNanos;

	boolean dialing;

	@Nullable ScheduledFuture<?> redial;

	private volatile @Nullable Connection connection;

	// Stream to the peer.
	private long nextSeq = 1;

	private final ArrayDeque<Outgoing> unacknowledged = new ArrayDeque<>();

	private long unacknowledgedBytes;

	// Why the session ended, once it has: it takes no more envelopes.
	private MessageDroppedEvent.@Nullable Reason endedBecause;

	// Stream from the peer.
	private long remoteIncarnation = -1;

	private long lastDelivered;

	private long lastAcknowledged;

	// When the last acknowledgement went out; "long ago" at first, so the first read's
	// goes at once.
	private long acknowledgedAtNanos = System.nanoTime() - Long.MAX_VALUE / 2;

	private boolean acknowledgementDeferred;

	// Messages accepted from the current read, handed to the listeners together.
	private List<Envelope> held = new ArrayList<>();

	Session(NodeId nodeId, State state, List<InetSocketAddress> addresses) {
		this.nodeId = nodeId;
		this.state = state;
		this.addresses = addresses;
		this.unreachableSinceNanos = System.nanoTime();
	}

	@Nullable Connection connection() {
		return this.connection;
	}

	boolean isCarriedBy(Connection connection) {
		return this.connection == connection;
	}

	long incarnation() {
		Connection current = this.connection;
		return (current != null) ? current.remote().incarnation() : -1;
	}

	/**
	 * Numbers and keeps an envelope, and writes it when connected. A message larger than
	 * {@code bufferMaxBytes} is taken when nothing else waits, so that every message the
	 * frame size allows can be sent. A reply is always taken: it answers a request that
	 * the peer's own buffer bounded, and the peer waits for it.
	 * @param kind the kind of envelope
	 * @param correlationId the request's id for a request or a reply, else {@code 0}
	 * @param topic the topic
	 * @param payload the payload
	 * @param bufferMax the most envelopes that may wait for their acknowledgement
	 * @param bufferMaxBytes the most payload bytes that may wait for their
	 * acknowledgement
	 * @return the envelope waiting for its acknowledgement, or {@code null} when the
	 * buffer is full or the session ended ({@link #refusal()} says which)
	 */
	synchronized @Nullable Outgoing enqueue(Envelope.Kind kind, long correlationId, String topic, byte[] payload,
			int bufferMax, long bufferMaxBytes) {
		if (this.endedBecause != null) {
			// A sender that found this session before it ended: nothing would ever
			// complete it.
			return null;
		}
		boolean full = this.unacknowledged.size() >= bufferMax
				|| (!this.unacknowledged.isEmpty() && this.unacknowledgedBytes + payload.length > bufferMaxBytes);
		if (full && kind != Envelope.Kind.REPLY && kind != Envelope.Kind.REPLY_ERROR) {
			return null;
		}
		this.unacknowledgedBytes += payload.length;
		Envelope envelope = new Envelope(this.nextSeq++, kind, correlationId, topic, payload);
		Outgoing outgoing = new Outgoing(envelope, System.nanoTime());
		this.unacknowledged.add(outgoing);
		Connection current = this.connection;
		if (current != null) {
			current.send(envelope);
		}
		return outgoing;
	}

	/**
	 * Makes a connection the one of this session: sends again everything not
	 * acknowledged, in order, and tells the peer what was delivered from it.
	 * @param connection the peer's current connection
	 */
	synchronized void attach(Connection connection) {
		this.connection = connection;
		for (Outgoing outgoing : this.unacknowledged) {
			connection.send(outgoing.envelope());
		}
		if (this.lastDelivered > 0 && connection.remote().incarnation() == this.remoteIncarnation) {
			connection.acknowledge(this.lastDelivered);
			this.lastAcknowledged = this.lastDelivered;
		}
	}

	synchronized void detach() {
		this.connection = null;
	}

	/**
	 * Removes and returns the envelopes acknowledged up to {@code seq}.
	 * @param seq the highest sequence number acknowledged
	 * @return the envelopes acknowledged, in order
	 */
	synchronized List<Outgoing> acknowledged(long seq) {
		if (this.unacknowledged.isEmpty() || this.unacknowledged.peek().seq() > seq) {
			return List.of();
		}
		// Sequence numbers are consecutive: the list's size is known.
		long count = Math.min(seq - this.unacknowledged.peek().seq() + 1, this.unacknowledged.size());
		List<Outgoing> done = new ArrayList<>((int) count);
		while (!this.unacknowledged.isEmpty() && this.unacknowledged.peek().seq() <= seq) {
			done.add(removeFirst());
		}
		return done;
	}

	/**
	 * Takes an envelope from the peer: decides whether it is new (a restarted peer, with
	 * a new incarnation, starts a new stream), acknowledges what was delivered when at
	 * least {@code ackBatch} envelopes wait for it, and keeps a new message until the
	 * read it came in is complete ({@link #takeHeld}). One lock per envelope for all
	 * three.
	 * @param envelope the envelope received
	 * @param senderIncarnation the incarnation of the peer that sent it
	 * @param ackBatch how many delivered envelopes make an acknowledgement due
	 * @return whether the envelope is new, to be delivered
	 */
	synchronized boolean receive(Envelope envelope, long senderIncarnation, long ackBatch) {
		if (senderIncarnation != this.remoteIncarnation) {
			this.remoteIncarnation = senderIncarnation;
			this.lastDelivered = 0;
			this.lastAcknowledged = 0;
		}
		boolean fresh = envelope.seq() > this.lastDelivered;
		if (fresh) {
			this.lastDelivered = envelope.seq();
		}
		acknowledgeIfDue(ackBatch);
		if (fresh && envelope.kind() == Envelope.Kind.MESSAGE) {
			this.held.add(envelope);
		}
		return fresh;
	}

	/**
	 * Removes and returns the messages held, in the order received.
	 * @return the messages held, possibly none
	 */
	synchronized List<Envelope> takeHeld() {
		if (this.held.isEmpty()) {
			return List.of();
		}
		List<Envelope> messages = this.held;
		this.held = new ArrayList<>();
		return messages;
	}

	/**
	 * Acknowledges what was delivered when at least {@code batch} envelopes wait for it.
	 * @param batch how many delivered envelopes make an acknowledgement due
	 */
	synchronized void acknowledgeIfDue(long batch) {
		Connection current = this.connection;
		if (current != null && this.lastDelivered - this.lastAcknowledged >= batch) {
			current.acknowledge(this.lastDelivered);
			this.lastAcknowledged = this.lastDelivered;
			this.acknowledgedAtNanos = System.nanoTime();
		}
	}

	/**
	 * After a read that delivered messages: acknowledges them at once, unless an
	 * acknowledgement went out less than {@code gapNanos} ago (a busy link would send one
	 * per read). Then the caller is to run {@link #acknowledgeDeferred} after the gap,
	 * unless one is pending already.
	 * @param gapNanos the shortest time between two acknowledgements
	 * @return whether to schedule {@link #acknowledgeDeferred}
	 */
	synchronized boolean acknowledgeOrDefer(long gapNanos) {
		if (this.lastDelivered == this.lastAcknowledged) {
			return false;
		}
		if (System.nanoTime() - this.acknowledgedAtNanos >= gapNanos) {
			acknowledgeIfDue(1);
			return false;
		}
		boolean schedule = !this.acknowledgementDeferred;
		this.acknowledgementDeferred = true;
		return schedule;
	}

	/** The acknowledgement {@link #acknowledgeOrDefer} put off. */
	synchronized void acknowledgeDeferred() {
		this.acknowledgementDeferred = false;
		acknowledgeIfDue(1);
	}

	/**
	 * Removes and returns the envelopes enqueued before {@code cutoffNanos}.
	 * @param cutoffNanos the enqueue time ({@link System#nanoTime()}) before which an
	 * envelope expires
	 * @return the expired envelopes, in order
	 */
	synchronized List<Outgoing> expired(long cutoffNanos) {
		List<Outgoing> expired = new ArrayList<>();
		while (!this.unacknowledged.isEmpty() && this.unacknowledged.peek().enqueuedNanos() - cutoffNanos < 0) {
			expired.add(removeFirst());
		}
		return expired;
	}

	/**
	 * Why {@link #enqueue} refused an envelope: the session ended, or its buffer is full.
	 * @return the reason to report for the refused envelope
	 */
	synchronized MessageDroppedEvent.Reason refusal() {
		return (this.endedBecause != null) ? this.endedBecause : MessageDroppedEvent.Reason.OVERFLOW;
	}

	/**
	 * Ends the session: removes and returns every envelope not acknowledged.
	 * @param reason why the session ended, reported for every envelope it dropped
	 * @return the envelopes never acknowledged, in order
	 */
	synchronized List<Outgoing> end(MessageDroppedEvent.Reason reason) {
		this.endedBecause = reason;
		List<Outgoing> all = new ArrayList<>(this.unacknowledged);
		this.unacknowledged.clear();
		this.unacknowledgedBytes = 0;
		return all;
	}

	private Outgoing removeFirst() {
		Outgoing first = this.unacknowledged.poll();
		this.unacknowledgedBytes -= first.size();
		return first;
	}

}
