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

package dev.tcpnet.transport;

import dev.tcpnet.message.Headers;

/**
 * One application frame: a message, a request or a reply, numbered by its sender so that
 * the receiver can deliver it exactly once and in order across reconnects.
 *
 * @param seq the sender's sequence number for this peer, from 1
 * @param kind what it is
 * @param correlationId the request id of a request or reply, 0 for messages
 * @param topic the topic
 * @param payload the payload
 * @param headers the headers; they travel only on connections of protocol version 3 and
 * later
 */
public record Envelope(long seq, Kind kind, long correlationId, String topic, byte[] payload, Headers headers) {

	/**
	 * Creates an envelope without headers.
	 * @param seq the sender's sequence number for this peer, from 1
	 * @param kind what it is
	 * @param correlationId the request id of a request or reply, 0 for messages
	 * @param topic the topic
	 * @param payload the payload
	 */
	public Envelope(long seq, Kind kind, long correlationId, String topic, byte[] payload) {
		this(seq, kind, correlationId, topic, payload, Headers.EMPTY);
	}

	/**
	 * What an envelope carries. Codes travel on the wire and are append-only.
	 */
	public enum Kind {

		/** An application message. */
		MESSAGE(0),

		/** A request that expects a reply. */
		REQUEST(1),

		/** A reply to a request. */
		REPLY(2),

		/** A reply saying the request failed; the payload is the reason in UTF-8. */
		REPLY_ERROR(3);

		// values() copies its array on every call.
		private static final Kind[] ALL = values();

		private final int code;

		Kind(int code) {
			this.code = code;
		}

		/**
		 * Returns the wire code.
		 * @return the code
		 */
		public int code() {
			return this.code;
		}

		/**
		 * Returns the kind of a wire code.
		 * @param code the code
		 * @return the kind
		 * @throws IllegalArgumentException for an unknown code
		 */
		public static Kind ofCode(int code) {
			for (Kind kind : ALL) {
				if (kind.code == code) {
					return kind;
				}
			}
			throw new IllegalArgumentException("unknown envelope kind " + code);
		}

	}

}
