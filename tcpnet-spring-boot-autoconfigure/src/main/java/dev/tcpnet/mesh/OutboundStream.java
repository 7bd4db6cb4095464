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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.tcpnet.message.Headers;
import dev.tcpnet.transport.Envelope;

/**
 * The stream of envelopes to one peer: numbered from 1, each kept until the peer
 * acknowledges it, so that every new connection can send again, in order, what is not
 * acknowledged. Bounded by {@link Limits}. Not thread-safe: its session's lock guards it.
 */
final class OutboundStream {

	private long nextSeq = 1;

	private final ArrayDeque<Outgoing> unacknowledged = new ArrayDeque<>();

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
		if (this.unacknowledged.size() >= factor * limits.bufferMax()) {
			return false;
		}
		return this.unacknowledged.isEmpty() || this.unacknowledgedBytes + size <= factor * limits.bufferMaxBytes();
	}

	/**
	 * Whether a refusal may still be sent in place of a reply that does not fit: a few
	 * bytes, within a third allowance of envelopes, so that the requester hears why.
	 */
	boolean fitsRefusal(Limits limits) {
		return this.unacknowledged.size() < 3 * limits.bufferMax();
	}

	Outgoing append(Envelope.Kind kind, long correlationId, String topic, byte[] payload, long stamp,
			CompletableFuture<Void> acknowledged) {
		return append(kind, correlationId, topic, payload, Headers.EMPTY, stamp, acknowledged);
	}

	Outgoing append(Envelope.Kind kind, long correlationId, String topic, byte[] payload, Headers headers, long stamp,
			CompletableFuture<Void> acknowledged) {
		Envelope envelope = new Envelope(this.nextSeq++, kind, correlationId, topic, payload, headers);
		Outgoing outgoing = new Outgoing(envelope, stamp, acknowledged);
		this.unacknowledged.add(outgoing);
		this.unacknowledgedBytes += payload.length;
		return outgoing;
	}

	/** Appends a message of a stream, which the stream is told about. */
	Outgoing append(String topic, byte[] payload, long stamp, MeshTopicStream stream) {
		Envelope envelope = new Envelope(this.nextSeq++, Envelope.Kind.MESSAGE, 0, topic, payload, Headers.EMPTY);
		Outgoing outgoing = new Outgoing(envelope, stamp, stream);
		this.unacknowledged.add(outgoing);
		this.unacknowledgedBytes += payload.length;
		return outgoing;
	}

	/** The envelopes not acknowledged, oldest first. */
	Iterable<Outgoing> pending() {
		return this.unacknowledged;
	}

	/**
	 * Everything up to this sequence number is acknowledged or given up: where a resend
	 * starts.
	 */
	long resumePoint() {
		Outgoing first = this.unacknowledged.peek();
		return (first != null) ? first.seq() - 1 : this.nextSeq - 1;
	}

	/** The highest sequence number sent so far: no acknowledgement may exceed it. */
	long highestSent() {
		return this.nextSeq - 1;
	}

	/** Removes and returns the envelopes acknowledged up to {@code seq}. */
	List<Outgoing> acknowledge(long seq) {
		Outgoing first = this.unacknowledged.peek();
		if (first == null || first.seq() > seq) {
			return List.of();
		}
		// Sequence numbers are consecutive: the list's size is known.
		long count = Math.min(seq - first.seq() + 1, this.unacknowledged.size());
		List<Outgoing> done = new ArrayList<>((int) count);
		while (!this.unacknowledged.isEmpty() && this.unacknowledged.peek().seq() <= seq) {
			done.add(removeFirst());
		}
		return done;
	}

	/** Removes and returns the envelopes stamped below {@code expiredBelow}. */
	List<Outgoing> expire(long expiredBelow) {
		List<Outgoing> expired = new ArrayList<>();
		while (!this.unacknowledged.isEmpty() && this.unacknowledged.peek().stamp() < expiredBelow) {
			expired.add(removeFirst());
		}
		return expired;
	}

	/** Removes and returns every envelope not acknowledged. */
	List<Outgoing> clear() {
		List<Outgoing> all = new ArrayList<>(this.unacknowledged);
		this.unacknowledged.clear();
		this.unacknowledgedBytes = 0;
		return all;
	}

	int size() {
		return this.unacknowledged.size();
	}

	long bytes() {
		return this.unacknowledgedBytes;
	}

	private Outgoing removeFirst() {
		Outgoing first = this.unacknowledged.poll();
		this.unacknowledgedBytes -= first.size();
		return first;
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

}
