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
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Envelope;

/**
 * The stream of envelopes from one peer, for one incarnation of it: which were accepted
 * (delivered only when newer than the last accepted, so exactly once and in order), which
 * of those the application has been handed, and which were acknowledged. Only what was
 * handed to the application is ever acknowledged. Not thread-safe: its session's lock
 * guards it.
 */
final class InboundStream {

	/** What became of an envelope. */
	enum Receipt {

		/** New: accepted, to be delivered. */
		NEW,

		/** Accepted before: not delivered again. */
		REPEAT,

		/** Breaks the protocol: the connection is closed. */
		VIOLATION

	}

	private long incarnation = -1;

	// From version 2: every envelope must be the next one; the stream states where it
	// resumes.
	private boolean strict;

	private boolean resumed;

	private long accepted;

	private long handedOver;

	private long acknowledged;

	// Messages accepted from the current read, handed to the application together.
	private List<Envelope> held = new ArrayList<>();

	private @Nullable String violation;

	/**
	 * A connection of the peer now carries the stream: a new incarnation of the peer
	 * starts a new stream.
	 */
	void attach(Connection connection) {
		long remote = connection.remote().incarnation();
		if (remote != this.incarnation) {
			this.incarnation = remote;
			this.accepted = 0;
			this.handedOver = 0;
			this.acknowledged = 0;
		}
		this.strict = connection.protocolVersion() >= 2;
		this.resumed = !this.strict;
	}

	/** The peer's stream resumes after {@code seq}: what it gave up is skipped. */
	void resume(long seq) {
		this.resumed = true;
		if (seq > this.accepted) {
			this.accepted = seq;
			if (this.held.isEmpty()) {
				this.handedOver = seq;
			}
		}
	}

	/**
	 * Takes an envelope. A new message is held until the read completes
	 * ({@link #takeHeld}); other envelopes are handed over at once by the caller.
	 */
	Receipt receive(Envelope envelope) {
		long seq = envelope.seq();
		if (this.strict && !this.resumed) {
			return violation("envelope " + seq + " before the stream said where it resumes");
		}
		if (seq <= this.accepted) {
			return Receipt.REPEAT;
		}
		if (this.strict && seq != this.accepted + 1) {
			return violation("envelope " + seq + " after " + this.accepted + ": the sequence skips ahead");
		}
		this.accepted = seq;
		if (envelope.kind() == Envelope.Kind.MESSAGE) {
			this.held.add(envelope);
		}
		else if (this.held.isEmpty()) {
			this.handedOver = seq;
		}
		return Receipt.NEW;
	}

	private Receipt violation(String why) {
		this.violation = why;
		return Receipt.VIOLATION;
	}

	/** Why the last envelope broke the protocol. */
	String violation() {
		return String.valueOf(this.violation);
	}

	/**
	 * Removes and returns the messages held, in the order received; the caller hands them
	 * to the application, and they may be acknowledged from now on.
	 */
	List<Envelope> takeHeld() {
		this.handedOver = this.accepted;
		if (this.held.isEmpty()) {
			return List.of();
		}
		List<Envelope> messages = this.held;
		this.held = new ArrayList<>();
		return messages;
	}

	/** How many envelopes handed over wait for an acknowledgement. */
	long unacknowledged() {
		return this.handedOver - this.acknowledged;
	}

	/**
	 * Marks what was handed over acknowledged; returns the sequence number to
	 * acknowledge.
	 */
	long acknowledge() {
		this.acknowledged = this.handedOver;
		return this.acknowledged;
	}

	/**
	 * The highest sequence number handed over, for a new connection of the same
	 * incarnation.
	 */
	long handedOver() {
		return this.handedOver;
	}

	long incarnation() {
		return this.incarnation;
	}

}
