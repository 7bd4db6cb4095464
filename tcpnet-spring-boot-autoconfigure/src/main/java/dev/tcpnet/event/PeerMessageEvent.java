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

package dev.tcpnet.event;

import java.nio.charset.StandardCharsets;

import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.Peer;

/**
 * Published for every message a peer sends to this node. Published from the
 * {@code tcpnet-events} thread, in the order the peer sent them, after the peer's
 * {@link PeerConnectedEvent}.
 *
 * @since 0.1.0
 */
public class PeerMessageEvent extends PeerEvent {

	private final String topic;

	private final byte[] payload;

	private final Headers headers;

	public PeerMessageEvent(Object source, Peer peer, String topic, byte[] payload) {
		this(source, peer, topic, payload, Headers.EMPTY);
	}

	/**
	 * Creates an event for a message with headers.
	 * @param source the registry that publishes it
	 * @param peer the sender
	 * @param topic the topic
	 * @param payload the payload
	 * @param headers the headers
	 */
	public PeerMessageEvent(Object source, Peer peer, String topic, byte[] payload, Headers headers) {
		super(source, peer);
		this.topic = topic;
		this.payload = payload;
		this.headers = headers;
	}

	/**
	 * Returns the headers the sender gave the message: empty when it gave none or speaks
	 * protocol version 2 or older.
	 * @return the headers
	 */
	public Headers getHeaders() {
		return this.headers;
	}

	/**
	 * Returns the topic the sender gave the message.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

	/**
	 * Returns the payload. The array is this event's own: listeners share it, so treat it
	 * as read-only.
	 * @return the payload bytes
	 */
	public byte[] getPayload() {
		return this.payload;
	}

	/**
	 * Returns the payload decoded as UTF-8.
	 * @return the payload as text
	 */
	public String getPayloadAsString() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "PeerMessageEvent[" + getPeer().nodeId() + " " + this.topic + " " + this.payload.length + " bytes]";
	}

}
