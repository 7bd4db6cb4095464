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

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

import dev.tcpnet.MessageDroppedException;
import dev.tcpnet.NoSuchPeerException;
import dev.tcpnet.TopicStream;
import dev.tcpnet.peer.NodeId;

/**
 * A stream to one peer on one topic. Its messages are told apart from {@code send}'s by
 * their {@link Outgoing}, which points here instead of at a future: an acknowledgement
 * counts the run of a stream's messages it covers once, and a flush waits until the count
 * reaches what was taken before it.
 *
 * <p>
 * Counting is enough because a stream's messages are settled (acknowledged or dropped) in
 * the order they were taken: a session settles its buffer from the oldest, and a session
 * ends, dropping what it holds, before another one for the same peer takes messages. So
 * the message settled as the {@code n}th is the {@code n}th taken, and a drop belongs to
 * the oldest flush still waiting.
 */
final class MeshTopicStream implements TopicStream {

	private final Delivery delivery;

	private final Sessions sessions;

	private final NodeId nodeId;

	private final String topic;

	private final Executor callbacks;

	private final BooleanSupplier networkThread;

	// The session looked up last, kept while the mesh holds it: a lookup by node id per
	// message was a few per cent of a small message's sending time.
	private volatile @Nullable Session session;

	// Messages taken into a session's buffer; counted under that session's lock, in the
	// order of the buffer.
	private final AtomicLong taken = new AtomicLong();

	// Guarded by this stream's monitor, never taken under a session's lock.
	private long settled;

	private final ArrayDeque<Flush> flushes = new ArrayDeque<>();

	// A drop no flush waited for yet: the next flush reports it.
	private @Nullable MessageDroppedException unreported;

	MeshTopicStream(Delivery delivery, Sessions sessions, NodeId nodeId, String topic, Executor callbacks,
			BooleanSupplier networkThread) {
		this.delivery = delivery;
		this.sessions = sessions;
		this.nodeId = nodeId;
		this.topic = topic;
		this.callbacks = callbacks;
		this.networkThread = networkThread;
	}

	@Override
	public boolean offer(byte[] payload) {
		try {
			return this.delivery.stream(session(), this, payload, 0, false);
		}
		catch (InterruptedException ex) {
			// Not thrown: an offer does not wait.
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void send(byte[] payload, Duration maxWait) throws InterruptedException {
		if (this.networkThread.getAsBoolean()) {
			throw new IllegalStateException("TopicStream.send waits for the peer's acknowledgements and must not be "
					+ "called on a network thread, which reads them; use offer there");
		}
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
		this.delivery.stream(session(), this, payload, Math.max(0, maxWait.toNanos()), true);
	}

	private Session session() {
		Session kept = this.session;
		if (kept != null && !kept.removed) {
			return kept;
		}
		Session session = this.sessions.get(this.nodeId);
		if (session == null) {
			throw new NoSuchPeerException(this.nodeId);
		}
		this.session = session;
		return session;
	}

	@Override
	public CompletableFuture<Void> flush() {
		TcpnetFuture<Void> future = new TcpnetFuture<>(this.callbacks);
		synchronized (this) {
			long through = this.taken.get();
			if (this.settled < through) {
				this.flushes.add(new Flush(through, future, this.unreported));
				this.unreported = null;
				return future;
			}
			MessageDroppedException failure = this.unreported;
			this.unreported = null;
			TcpnetFuture.completeOn(future, null, failure);
		}
		return future;
	}

	@Override
	public String topic() {
		return this.topic;
	}

	@Override
	public NodeId nodeId() {
		return this.nodeId;
	}

	/** A message was taken into a session's buffer (under that session's lock). */
	void taken() {
		this.taken.incrementAndGet();
	}

	/** A message was dropped before it was taken: a session that had ended. */
	void droppedUntaken(MessageDroppedException failure) {
		this.taken.incrementAndGet();
		settled(1, failure);
	}

	/**
	 * The oldest {@code count} messages not settled yet were acknowledged, or one was
	 * dropped with {@code failure}.
	 */
	synchronized void settled(int count, @Nullable MessageDroppedException failure) {
		this.settled += count;
		Flush oldest = this.flushes.peek();
		if (failure != null) {
			if (oldest != null) {
				oldest.failWith(failure);
			}
			else if (this.unreported == null) {
				this.unreported = failure;
			}
		}
		while (oldest != null && oldest.through <= this.settled) {
			this.flushes.poll();
			TcpnetFuture.completeOn(oldest.future, null, oldest.failure);
			oldest = this.flushes.peek();
		}
	}

	@Override
	public String toString() {
		return "TopicStream[" + this.nodeId + ", " + this.topic + "]";
	}

	/** A flush waiting for the messages taken before it. */
	private static final class Flush {

		private final long through;

		private final CompletableFuture<Void> future;

		private @Nullable MessageDroppedException failure;

		Flush(long through, CompletableFuture<Void> future, @Nullable MessageDroppedException failure) {
			this.through = through;
			this.future = future;
			this.failure = failure;
		}

		void failWith(MessageDroppedException failure) {
			if (this.failure == null) {
				this.failure = failure;
			}
		}

	}

}
