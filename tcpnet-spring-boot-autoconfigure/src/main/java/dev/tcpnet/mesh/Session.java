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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.mesh.InboundStream.Receipt;
import dev.tcpnet.mesh.OutboundStream.Limits;
import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Envelope;

/**
 * One peer as the mesh knows it, across connections: its state, the connection kept for
 * the pair, and the streams to it ({@link OutboundStream}) and from it
 * ({@link InboundStream}). Frames from any other connection than the one kept are
 * ignored: a connection being replaced or refused can neither move the streams nor be
 * acknowledged for what it carried.
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

		/**
		 * The peer dropped our connection as a duplicate; its own is on the way (version
		 * 1).
		 */
		AWAITING_REPLACEMENT,

		/** Lost; being redialed. */
		RECONNECTING

	}

	final NodeId nodeId;

	volatile State state;

	volatile @Nullable Peer peer;

	/**
	 * Whether {@link Sessions} no longer holds this session: set once, when it is removed
	 * or replaced. Lets a sender or a connection keep the session it looked up, rather
	 * than look it up again for every envelope.
	 */
	volatile boolean removed;

	List<InetSocketAddress> addresses;

	// What discovery last said about reaching the peer (its host identity, socket file):
	// kept across reconnects, as the node stays where it is.
	Map<String, String> attributes = Map.of();

	int attempt;

	long unreachableSinceNanos;

	boolean dialing;

	Scheduler.Cancellable redial = Scheduler.Cancellable.NONE;

	private volatile @Nullable Connection connection;

	private final OutboundStream out = new OutboundStream();

	private final InboundStream in = new InboundStream();

	// Why the session ended, once it has: it takes no more envelopes.
	private MessageDroppedEvent.@Nullable Reason endedBecause;

	// When the last acknowledgement went out; "long ago" at first, so the first read's
	// goes at once.
	private long acknowledgedAtNanos = Long.MIN_VALUE / 2;

	private boolean acknowledgementDeferred;

	// When the peer last acknowledged something on the current connection, or it was
	// attached, and how many envelopes it has sent since: a peer that keeps sending but
	// never acknowledges does not read what it is sent.
	private long acknowledgedProgressNanos;

	private long receivedSinceProgress;

	// Senders of streams waiting in this session's monitor for room in its buffer.
	private int roomWaiters;

	private final Scheduler clock;

	private final BufferClock stamps;

	Session(NodeId nodeId, State state, List<InetSocketAddress> addresses, Scheduler clock, BufferClock stamps) {
		this.nodeId = nodeId;
		this.state = state;
		this.addresses = addresses;
		this.clock = clock;
		this.stamps = stamps;
		this.unreachableSinceNanos = clock.nanoTime();
	}

	@Nullable Connection connection() {
		return this.connection;
	}

	boolean isCarriedBy(Connection connection) {
		return this.connection == connection;
	}

	/** The incarnation of the peer's stream, -1 before its first connection. */
	synchronized long incarnation() {
		return this.in.incarnation();
	}

	// Sending

	/**
	 * Numbers and keeps an envelope, and writes it when connected.
	 * @return the envelope waiting for its acknowledgement, or {@code null} when it does
	 * not fit or the session ended ({@link #refusal()} says which)
	 */
	synchronized @Nullable Outgoing enqueue(Envelope.Kind kind, long correlationId, String topic, byte[] payload,
			Limits limits, CompletableFuture<Void> acknowledged) {
		return enqueue(kind, correlationId, topic, payload, Headers.EMPTY, limits, acknowledged);
	}

	/**
	 * Numbers and keeps an envelope with headers, and writes it when connected.
	 * @return the envelope waiting for its acknowledgement, or {@code null} when it does
	 * not fit or the session ended ({@link #refusal()} says which)
	 */
	synchronized @Nullable Outgoing enqueue(Envelope.Kind kind, long correlationId, String topic, byte[] payload,
			Headers headers, Limits limits, CompletableFuture<Void> acknowledged) {
		if (this.endedBecause != null || !this.out.fits(kind, payload.length, limits)) {
			// Ended: a sender that found this session before it ended; nothing would
			// complete it.
			return null;
		}
		return write(this.out.append(kind, correlationId, topic, payload, headers, this.stamps.stamp(), acknowledged));
	}

	/**
	 * Keeps and writes a refusal in place of a reply that did not fit, if even that fits.
	 * @return the refusal, or {@code null}
	 */
	synchronized @Nullable Outgoing enqueueRefusal(long correlationId, String topic, byte[] reason, Limits limits,
			CompletableFuture<Void> acknowledged) {
		if (this.endedBecause != null || !this.out.fitsRefusal(limits)) {
			return null;
		}
		return write(this.out.append(Envelope.Kind.REPLY_ERROR, correlationId, topic, reason, this.stamps.stamp(),
				acknowledged));
	}

	/**
	 * Numbers, keeps and writes a message of a stream, waiting up to {@code maxWaitNanos}
	 * for room in the buffer: an acknowledgement, an expiry or the session's end wakes
	 * the waiting thread. The wait is timed from the first full buffer, so a message that
	 * fits reads no clock for it.
	 * @return whether it was taken; {@code false} when it did not fit in time or the
	 * session ended ({@link #refusal()} says which)
	 * @throws InterruptedException if interrupted while waiting
	 */
	synchronized boolean enqueue(byte[] payload, Limits limits, MeshTopicStream stream, long maxWaitNanos)
			throws InterruptedException {
		long deadline = 0;
		boolean timed = false;
		while (this.endedBecause == null && !this.out.fits(Envelope.Kind.MESSAGE, payload.length, limits)) {
			long now = System.nanoTime();
			if (!timed) {
				// Capped: a wait of centuries must not wrap around to the past.
				deadline = now + Math.min(maxWaitNanos, Long.MAX_VALUE / 4);
				timed = true;
			}
			long left = deadline - now;
			if (left <= 0) {
				return false;
			}
			this.roomWaiters++;
			try {
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
			finally {
				this.roomWaiters--;
			}
		}
		if (this.endedBecause != null) {
			return false;
		}
		stream.taken();
		long seq = this.out.append(payload, this.stamps.stamp(), stream);
		Connection current = this.connection;
		if (current != null) {
			current.sendMessage(seq, stream.topic(), payload);
		}
		return true;
	}

	/** Wakes the senders of streams that wait for room (the caller holds the lock). */
	private void roomFreed() {
		if (this.roomWaiters > 0) {
			notifyAll();
		}
	}

	private Outgoing write(Outgoing outgoing) {
		Connection current = this.connection;
		if (current != null) {
			current.send(outgoing.envelope());
		}
		return outgoing;
	}

	/**
	 * Why {@link #enqueue} refused an envelope: the session ended, or its buffer is full.
	 */
	synchronized MessageDroppedEvent.Reason refusal() {
		return (this.endedBecause != null) ? this.endedBecause : MessageDroppedEvent.Reason.OVERFLOW;
	}

	// Connections

	/**
	 * Makes a connection the one of this session: states where the stream to the peer
	 * resumes, sends again everything not acknowledged, in order, and tells the peer what
	 * was handed over from its stream.
	 */
	synchronized void attach(Connection connection) {
		this.connection = connection;
		this.acknowledgedProgressNanos = this.clock.nanoTime();
		this.receivedSinceProgress = 0;
		this.in.attach(connection);
		connection.resume(this.out.resumePoint());
		this.out.writePending(connection);
		if (this.in.handedOver() > 0) {
			connection.acknowledge(this.in.acknowledge());
		}
	}

	synchronized void detach() {
		this.connection = null;
	}

	// Receiving

	/**
	 * The peer acknowledged everything up to {@code seq} on a connection.
	 * @return what the acknowledgement settled; {@code null} when it exceeds what was
	 * sent, which breaks the protocol
	 */
	synchronized OutboundStream.@Nullable Acknowledged acknowledged(Connection connection, long seq) {
		if (this.connection != connection) {
			return OutboundStream.Acknowledged.NONE;
		}
		if (seq > this.out.highestSent() || seq < 0) {
			return null;
		}
		OutboundStream.Acknowledged done = this.out.acknowledge(seq);
		if (done.count() > 0) {
			this.acknowledgedProgressNanos = this.clock.nanoTime();
			this.receivedSinceProgress = 0;
			roomFreed();
		}
		return done;
	}

	/** The peer's stream resumes after {@code seq}. */
	synchronized void resumed(Connection connection, long seq) {
		if (this.connection == connection) {
			this.in.resume(seq);
		}
	}

	/**
	 * Takes an envelope from the peer: decides whether it is new, holds a new message
	 * until the read it came in is complete ({@link #takeHeld}), and acknowledges what
	 * was handed over when at least {@code ackBatch} envelopes wait for it. One lock per
	 * envelope for all three.
	 * @return what became of it; {@link Receipt#REPEAT} also for envelopes of a
	 * connection that is not the session's
	 */
	synchronized Receipt receive(Connection connection, Envelope envelope, long ackBatch) {
		if (this.connection != connection || this.peer == null) {
			return Receipt.REPEAT;
		}
		Receipt receipt = this.in.receive(envelope);
		this.receivedSinceProgress++;
		acknowledgeIfDue(ackBatch);
		return receipt;
	}

	/** Why the last envelope broke the protocol. */
	synchronized String violation() {
		return this.in.violation();
	}

	/**
	 * Removes and returns the messages held, in the order received; they count as handed
	 * over.
	 */
	synchronized List<Envelope> takeHeld() {
		return this.in.takeHeld();
	}

	/**
	 * Acknowledges what was handed over when at least {@code batch} envelopes wait for
	 * it.
	 */
	synchronized void acknowledgeIfDue(long batch) {
		Connection current = this.connection;
		if (current != null && this.in.unacknowledged() >= batch) {
			current.acknowledge(this.in.acknowledge());
			this.acknowledgedAtNanos = this.clock.nanoTime();
		}
	}

	/**
	 * After a read that handed messages over: acknowledges them at once when at least
	 * {@code batch} wait or the last acknowledgement went out {@code gapNanos} ago or
	 * more. Otherwise (a busy link of small reads would send one per read) the caller is
	 * to run {@link #acknowledgeDeferred} after the gap, unless one is pending already. A
	 * batch is never held back: the sender's window may be little more than one read, and
	 * it would wait the gap for every window.
	 * @param batch how many waiting envelopes are worth an acknowledgement at once
	 * @param gapNanos the shortest gap between acknowledgements of fewer
	 * @return whether to schedule {@link #acknowledgeDeferred}
	 */
	synchronized boolean acknowledgeOrDefer(long batch, long gapNanos) {
		long waiting = this.in.unacknowledged();
		if (waiting == 0) {
			return false;
		}
		if (waiting >= batch || this.clock.nanoTime() - this.acknowledgedAtNanos >= gapNanos) {
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
	 * Returns the connection whose peer has acknowledged nothing for {@code timeoutNanos}
	 * while envelopes wait for it, and sent at least {@code evidence} envelopes
	 * meanwhile: it does not read what it is sent. (A peer that is only slow to receive a
	 * large frame sends nothing but heartbeats meanwhile, and the transport watches that
	 * the bytes move. A peer starved of CPU may have sent a few envelopes just before it
	 * stalled: its heartbeats judge it.)
	 * @param timeoutNanos how long without progress
	 * @param evidence how many envelopes the peer must have sent without acknowledging
	 * @return the stalled connection, or {@code null}
	 */
	synchronized @Nullable Connection stalled(long timeoutNanos, long evidence) {
		Connection current = this.connection;
		if (current == null || this.out.size() == 0 || this.receivedSinceProgress < evidence
				|| this.clock.nanoTime() - this.acknowledgedProgressNanos < timeoutNanos) {
			return null;
		}
		return current;
	}

	// Ending

	/** Removes and returns the envelopes stamped below {@code expiredBelow}. */
	synchronized List<Outgoing> expired(long expiredBelow) {
		List<Outgoing> expired = this.out.expire(expiredBelow);
		if (!expired.isEmpty()) {
			roomFreed();
		}
		return expired;
	}

	/** Shrinks the buffer's room if a burst left it larger than its use. */
	synchronized void trimBuffer() {
		this.out.trim();
	}

	/** Ends the session: removes and returns every envelope not acknowledged. */
	synchronized List<Outgoing> end(MessageDroppedEvent.Reason reason) {
		this.endedBecause = reason;
		roomFreed();
		return this.out.clear();
	}

	/** The highest sequence number sent so far. */
	synchronized long highestSent() {
		return this.out.highestSent();
	}

	/** Everything up to this sequence number is acknowledged or given up. */
	synchronized long acknowledgedThrough() {
		return this.out.resumePoint();
	}

	/** Envelopes waiting for the peer's acknowledgement. */
	synchronized int bufferedMessages() {
		return this.out.size();
	}

	/** Payload bytes waiting for the peer's acknowledgement. */
	synchronized long bufferedBytes() {
		return this.out.bytes();
	}

}
