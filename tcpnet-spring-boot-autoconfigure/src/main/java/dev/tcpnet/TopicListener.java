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

package dev.tcpnet;

import java.util.List;

import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.Peer;

/**
 * Receives the messages of one topic directly instead of as {@link PeerMessageEvent}s:
 * the path for topics with many messages a second, without payload conversion. Every bean
 * of this type is registered; a topic may have several (and
 * {@link TcpnetListener @TcpnetListener} methods), each called with every message, in the
 * order of the beans. Messages on a topic that has listeners are not published as events;
 * messages on other topics stay events.
 *
 * <p>
 * Called like the event listeners: from the {@code tcpnet-events} thread, in the order
 * the peer sent them, after the peer's {@code PeerConnectedEvent}. A listener that falls
 * behind pauses reading from the peers, as slow event listeners do. An exception is
 * logged, and the next message is delivered.
 *
 * <p>
 * What it saves is Spring's event dispatch per message: finding the listeners of the
 * event's type and calling each by reflection, 60 to 115 ns of CPU per small message in
 * the README's Performance section.
 *
 * @since 0.1.0
 */
public interface TopicListener {

	/**
	 * Returns the topic whose messages this listener receives.
	 * @return the topic
	 */
	String topic();

	/**
	 * Receives one message.
	 * @param from the peer that sent it
	 * @param payload its payload; the array is the listener's own
	 * @throws Exception to have it logged; the message is not delivered again
	 */
	void onMessage(Peer from, byte[] payload) throws Exception;

	/**
	 * Receives one message with its headers; the one tcpnet calls. Override it to read
	 * the headers; by default it calls {@link #onMessage(Peer, byte[])}.
	 * @param from the peer that sent it
	 * @param payload its payload; the array is the listener's own
	 * @param headers its headers, empty when it had none or came from a peer of protocol
	 * version 2 or older
	 * @throws Exception to have it logged; the message is not delivered again
	 */
	default void onMessage(Peer from, byte[] payload, Headers headers) throws Exception {
		onMessage(from, payload);
	}

	/**
	 * Receives the messages of one read from one peer on this topic, in order: the call a
	 * high-rate consumer overrides to take a batch at a time. Only messages without
	 * headers are batched; one with headers is delivered alone by
	 * {@link #onMessage(Peer, byte[], Headers)}, in its place in the order. When the
	 * node's messages are observed ({@code tcpnet.receive}), a batch is one observation.
	 * A listener that does not override this method is called by
	 * {@link #onMessage(Peer, byte[], Headers)} for each message, as before.
	 * @param from the peer that sent them
	 * @param payloads their payloads, in the order sent (at least one); the list and the
	 * arrays are the listener's own
	 * @throws Exception to have it logged; the messages of the batch are not delivered
	 * again
	 */
	default void onMessages(Peer from, List<byte[]> payloads) throws Exception {
		for (byte[] payload : payloads) {
			onMessage(from, payload);
		}
	}

}
