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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.tcpnet.message.Headers;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Envelope;

/**
 * The stream of envelopes to one peer: numbered from 1, each kept until the peer
 * acknowledges it, so that every new connection can send again, in order, what is not
 * acknowledged. Bounded by {@link Limits}. Not thread-safe: its session's lock guards it.
 *
 * <p>
 * The envelopes wait in a ring of arrays, one slot per sequence number. A message of a
 * {@link MeshTopicStream} takes a slot and nothing else: its payload, its stream (which
 * knows the topic), its size and its stamp, so a streamed message allocates nothing
 * beyond its payload, and the network thread that writes and settles it reads arrays
 * rather than objects made on another core. Every other envelope has a future to complete
 * and keeps its {@link Outgoing} in the slot.
 */
final class OutboundStream {

	private static final int INITIAL_CAPACITY = 16;

	private long nextSeq = 1;

	// The ring: slot (head + i) & (capacity - 1) holds the envelope numbered
	// firstSeq() + i. An item is the payload of a stream's message (its stream beside
	// it) or an Outgoing (no stream).
	private Object[] items = new Object[INITIAL_CAPACITY];

	private MeshTopicStream[] streams = new MeshTopicStream[INITIAL_CAPACITY];

	private int[] sizes = new int[INITIAL_CAPACITY];

	private long[] stamps = new long[INITIAL_CAPACITY];

	private int head;

	private int count;

	// The most envelopes kept at once since the last trim.
	private int highWater;

	private long unacknowledgedBytes;

	/**
	 * Whether an envelope fits. Messages and requests fit while fewer than
	 * {@code bufferMax} envelopes and {@code bufferMaxBytes} bytes wait (a larger one
	 * fits when nothing else waits, so that every message the frame size allows can be
	 * sent). Replies answer requests that the peer's own buffer bounded, and the peer
	 * waits for them: they may use that room twice over, so that a reply is refused only
	 * to a peer that does not acknowledge what it asked for.
	 */
	boolean fits(Envelope.Kind kind, int size, Limits limits) {
		int factor = isReply(kind) ? 2 : 1;
		if (this.count >= factor * limits.bufferMax()) {
			return false;
		}
		return this.count == 0 || this.unacknowledgedBytes + size <= factor * limits.bufferMaxBytes();
	}

	/**
	 * Whether a refusal may still be sent in place of a reply that does not fit: a few
	 * bytes, within a third allowance of envelopes, so that the requester hears why.
	 */
	boolean fitsRefusal(Limits limits) {
		return this.count < 3 * limits.bufferMax();
	}

	Outgoing append(Envelope.Kind kind, long correlationId, String topic, byte[] payload, long stamp,
			CompletableFuture<Void> acknowledged) {
		return append(kind, correlationId, topic, payload, Headers.EMPTY, stamp, acknowledged);
	}

	Outgoing append(Envelope.Kind kind, long correlationId, String topic, byte[] payload, Headers headers, long stamp,
			CompletableFuture<Void> acknowledged) {
		Envelope envelope = new Envelope(this.nextSeq, kind, correlationId, topic, payload, headers);
		Outgoing outgoing = new Outgoing(envelope, acknowledged);
		add(outgoing, null, payload.length, stamp);
		return outgoing;
	}

	/**
	 * Appends a message of a stream, which is told about its acknowledgement.
	 * @return its sequence number
	 */
	long append(byte[] payload, long stamp, MeshTopicStream stream) {
		return add(payload, stream, payload.length, stamp);
	}

	private long add(Object item, MeshTopicStream stream, int size, long stamp) {
		if (this.count == this.items.length) {
			grow();
		}
		int slot = slot(this.count);
		this.items[slot] = item;
		this.streams[slot] = stream;
		this.sizes[slot] = size;
		this.stamps[slot] = stamp;
		this.count++;
		this.highWater = Math.max(this.highWater, this.count);
		this.unacknowledgedBytes += size;
		return this.nextSeq++;
	}

	/**
	 * Gives back the room of a burst: shrinks the ring when it held less than a quarter
	 * of its slots since the last trim. Called now and then, so that a steady high rate
	 * keeps its ring and a peer that went quiet holds no more than it uses.
	 */
	void trim() {
		int capacity = this.items.length;
		if (capacity > INITIAL_CAPACITY && this.highWater < capacity / 4) {
			resize(Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, this.highWater)) * 2));
		}
		this.highWater = this.count;
	}

	private void grow() {
		resize(this.items.length * 2);
	}

	// A ring of another size (a power of two that holds count), oldest first from slot 0.
	private void resize(int capacity) {
		int[] sizes = new int[capacity];
		long[] stamps = new long[capacity];
		for (int i = 0; i < this.count; i++) {
			sizes[i] = this.sizes[slot(i)];
			stamps[i] = this.stamps[slot(i)];
		}
		// The object arrays last: slot() reads the ring's length from items.
		this.streams = unrolled(this.streams, new MeshTopicStream[capacity]);
		this.items = unrolled(this.items, new Object[capacity]);
		this.sizes = sizes;
		this.stamps = stamps;
		this.head = 0;
	}

	private <T> T[] unrolled(T[] ring, T[] into) {
		// The oldest from head to the end of the array, the rest from its start.
		int first = Math.min(this.count, ring.length - this.head);
		System.arraycopy(ring, this.head, into, 0, first);
		System.arraycopy(ring, 0, into, first, this.count - first);
		return into;
	}

	private int slot(int index) {
		return (this.head + index) & (this.items.length - 1);
	}

	/**
	 * Writes every envelope not acknowledged to a connection, oldest first: what a new
	 * connection sends again.
	 */
	void writePending(Connection connection) {
		long seq = firstSeq();
		for (int i = 0; i < this.count; i++, seq++) {
			write(connection, slot(i), seq);
		}
	}

	private void write(Connection connection, int slot, long seq) {
		MeshTopicStream stream = this.streams[slot];
		if (stream != null) {
			connection.sendMessage(seq, stream.topic(), (byte[]) this.items[slot]);
		}
		else {
			connection.send(((Outgoing) this.items[slot]).envelope());
		}
	}

	/**
	 * Everything up to this sequence number is acknowledged or given up: where a resend
	 * starts.
	 */
	long resumePoint() {
		return firstSeq() - 1;
	}

	// The sequence number of the oldest envelope kept, or the next one when none is.
	private long firstSeq() {
		return this.nextSeq - this.count;
	}

	/** The highest sequence number sent so far: no acknowledgement may exceed it. */
	long highestSent() {
		return this.nextSeq - 1;
	}

	/** Removes the envelopes acknowledged up to {@code seq} and says whom to tell. */
	Acknowledged acknowledge(long seq) {
		long first = firstSeq();
		if (this.count == 0 || seq < first) {
			return Acknowledged.NONE;
		}
		int acknowledged = (int) Math.min(seq - first + 1, this.count);
		Acknowledged done = new Acknowledged(acknowledged);
		for (int i = 0; i < acknowledged; i++) {
			int slot = slot(i);
			done.add(this.items[slot], this.streams[slot], this.sizes[slot]);
		}
		removeFirst(acknowledged);
		return done;
	}

	/** Removes and returns the envelopes stamped below {@code expiredBelow}. */
	List<Outgoing> expire(long expiredBelow) {
		int expired = 0;
		while (expired < this.count && this.stamps[slot(expired)] < expiredBelow) {
			expired++;
		}
		return removeAsOutgoing(expired);
	}

	/** Removes and returns every envelope not acknowledged. */
	List<Outgoing> clear() {
		return removeAsOutgoing(this.count);
	}

	// Dropping is rare: a streamed message gets its Outgoing only then.
	private List<Outgoing> removeAsOutgoing(int howMany) {
		if (howMany == 0) {
			return List.of();
		}
		List<Outgoing> removed = new ArrayList<>(howMany);
		long seq = firstSeq();
		for (int i = 0; i < howMany; i++, seq++) {
			int slot = slot(i);
			MeshTopicStream stream = this.streams[slot];
			if (stream != null) {
				Envelope envelope = new Envelope(seq, Envelope.Kind.MESSAGE, 0, stream.topic(),
						(byte[]) this.items[slot]);
				removed.add(new Outgoing(envelope, stream));
			}
			else {
				removed.add((Outgoing) this.items[slot]);
			}
		}
		removeFirst(howMany);
		return removed;
	}

	private void removeFirst(int howMany) {
		for (int i = 0; i < howMany; i++) {
			int slot = slot(i);
			this.unacknowledgedBytes -= this.sizes[slot];
			this.items[slot] = null;
			this.streams[slot] = null;
		}
		this.head = slot(howMany);
		this.count -= howMany;
		if (this.count == 0) {
			this.head = 0;
		}
	}

	int size() {
		return this.count;
	}

	/** How many envelopes the ring holds room for. */
	int capacity() {
		return this.items.length;
	}

	long bytes() {
		return this.unacknowledgedBytes;
	}

	private static boolean isReply(Envelope.Kind kind) {
		return kind == Envelope.Kind.REPLY || kind == Envelope.Kind.REPLY_ERROR;
	}

	/**
	 * How much one peer's stream may hold.
	 *
	 * @param bufferMax the most envelopes not acknowledged
	 * @param bufferMaxBytes the most bytes of their payload
	 */
	record Limits(int bufferMax, long bufferMaxBytes) {
	}

	/**
	 * What an acknowledgement settled, in order: how many envelopes and bytes, the
	 * futures of those sent with one, and the runs of streams' messages, each stream told
	 * once per run rather than per message. Settled outside the session's lock.
	 */
	static final class Acknowledged {

		static final Acknowledged NONE = new Acknowledged(0);

		private final int count;

		private long bytes;

		private final List<CompletableFuture<Void>> futures = new ArrayList<>();

		private final List<MeshTopicStream> runs = new ArrayList<>();

		private int[] runLengths = new int[4];

		private Acknowledged(int count) {
			this.count = count;
		}

		private void add(Object item, MeshTopicStream stream, int size) {
			this.bytes += size;
			if (stream == null) {
				this.futures.add(((Outgoing) item).acknowledged());
				return;
			}
			int last = this.runs.size() - 1;
			if (last >= 0 && this.runs.get(last) == stream) {
				this.runLengths[last]++;
				return;
			}
			if (this.runs.size() == this.runLengths.length) {
				this.runLengths = Arrays.copyOf(this.runLengths, this.runLengths.length * 2);
			}
			this.runLengths[this.runs.size()] = 1;
			this.runs.add(stream);
		}

		/** How many envelopes were acknowledged. */
		int count() {
			return this.count;
		}

		/** Their payload bytes. */
		long bytes() {
			return this.bytes;
		}

		/** The futures of those that have one, in order. */
		List<CompletableFuture<Void>> futures() {
			return this.futures;
		}

		/** Tells each stream how many of its messages were acknowledged. */
		void settleStreams() {
			for (int i = 0; i < this.runs.size(); i++) {
				this.runs.get(i).settled(this.runLengths[i], null);
			}
		}

	}

}
