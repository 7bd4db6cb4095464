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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;

/**
 * The application's handle on the mesh: who is connected, and sending to them.
 *
 * <p>
 * Messages received from peers reach the application as
 * {@link dev.tcpnet.event.PeerMessageEvent}s.
 *
 * @since 0.1.0
 */
public interface Tcpnet {

	/**
	 * Returns this node.
	 * @return the local node
	 * @throws IllegalStateException if the mesh has not started
	 */
	LocalNode localNode();

	/**
	 * Returns the connected peers (the node original's {@code service.connections}).
	 * @return a snapshot of the connected peers
	 */
	List<Peer> peers();

	/**
	 * Returns the connected peer with the given id.
	 * @param nodeId the peer's node id
	 * @return the peer, or empty if it is not connected
	 */
	Optional<Peer> peer(NodeId nodeId);

	/**
	 * Sends a message to one peer. The peer delivers each message exactly once and in
	 * order. While the peer is momentarily unreachable (lost and being reconnected, or
	 * seen by discovery but not connected yet) the message is buffered and sent once it
	 * is back.
	 * @param nodeId the peer's node id
	 * @param topic the topic (at most {@value #MAX_TOPIC_BYTES} bytes of UTF-8)
	 * @param payload the payload
	 * @return a future that completes when the peer has acknowledged the message, or
	 * fails with a {@link MessageDroppedException} saying why it never will (the buffer
	 * is full, the peer left or stayed unreachable, …)
	 * @throws NoSuchPeerException if no node with that id is known
	 */
	CompletableFuture<Void> send(NodeId nodeId, String topic, byte[] payload);

	/**
	 * Sends a message with headers to one peer, as by
	 * {@link #send(NodeId, String, byte[])}. The headers reach the peer only if it speaks
	 * protocol version 3 or later; an older peer receives the message without them.
	 * @param nodeId the peer's node id
	 * @param topic the topic
	 * @param payload the payload
	 * @param headers the headers
	 * @return a future that completes when the peer has acknowledged the message
	 * @throws NoSuchPeerException if no node with that id is known
	 * @throws UnsupportedOperationException if this implementation sends no headers and
	 * some are given
	 */
	default CompletableFuture<Void> send(NodeId nodeId, String topic, byte[] payload, Headers headers) {
		requireNoHeaders(headers);
		return send(nodeId, topic, payload);
	}

	/**
	 * Sends a text message, encoded as UTF-8, to one connected peer.
	 * @param nodeId the peer's node id
	 * @param topic the topic
	 * @param text the text
	 * @return a future that completes when the peer has acknowledged the message
	 * @throws NoSuchPeerException if no node with that id is known
	 */
	default CompletableFuture<Void> send(NodeId nodeId, String topic, String text) {
		return send(nodeId, topic, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sends a message to every connected peer, each as by {@link #send}.
	 * @param topic the topic
	 * @param payload the payload
	 * @return how many peers it was sent to
	 */
	int broadcast(String topic, byte[] payload);

	/**
	 * Asks a peer and waits for its answer: the peer's {@link RequestHandler} bean for
	 * the topic replies (upnode's {@code up(timeout, cb)}). Requests and replies are
	 * delivered like messages, so a short outage only delays them.
	 * @param nodeId the peer's node id
	 * @param topic the topic
	 * @param payload the request's payload
	 * @param timeout how long to wait for the reply
	 * @return a future of the reply's payload; fails with a
	 * {@link java.util.concurrent.TimeoutException} after the timeout, a
	 * {@link RequestFailedException} when the peer has no handler, it failed, or too many
	 * requests already wait for the peer's request threads, or a
	 * {@link MessageDroppedException}
	 * @throws NoSuchPeerException if no node with that id is known
	 */
	CompletableFuture<byte[]> request(NodeId nodeId, String topic, byte[] payload, java.time.Duration timeout);

	/**
	 * Asks a peer with headers (trace context, for example), as by
	 * {@link #request(NodeId, String, byte[], java.time.Duration)}. The headers reach the
	 * peer's {@link RequestHandler} only if it speaks protocol version 3 or later.
	 * @param nodeId the peer's node id
	 * @param topic the topic
	 * @param payload the request's payload
	 * @param headers the headers
	 * @param timeout how long to wait for the reply
	 * @return a future of the reply's payload
	 * @throws NoSuchPeerException if no node with that id is known
	 * @throws UnsupportedOperationException if this implementation sends no headers and
	 * some are given
	 */
	default CompletableFuture<byte[]> request(NodeId nodeId, String topic, byte[] payload, Headers headers,
			java.time.Duration timeout) {
		requireNoHeaders(headers);
		return request(nodeId, topic, payload, timeout);
	}

	/**
	 * Sends a message with headers to every connected peer, each as by
	 * {@link #send(NodeId, String, byte[], Headers)}.
	 * @param topic the topic
	 * @param payload the payload
	 * @param headers the headers
	 * @return how many peers it was sent to
	 * @throws UnsupportedOperationException if this implementation sends no headers and
	 * some are given
	 */
	default int broadcast(String topic, byte[] payload, Headers headers) {
		requireNoHeaders(headers);
		return broadcast(topic, payload);
	}

	private static void requireNoHeaders(Headers headers) {
		if (!headers.isEmpty()) {
			throw new UnsupportedOperationException("This Tcpnet sends no headers");
		}
	}

	/**
	 * Sends a text message, encoded as UTF-8, to every connected peer.
	 * @param topic the topic
	 * @param text the text
	 * @return how many peers it was sent to
	 */
	default int broadcast(String topic, String text) {
		return broadcast(topic, text.getBytes(StandardCharsets.UTF_8));
	}

	/** The longest topic, in bytes of UTF-8. */
	int MAX_TOPIC_BYTES = 1024;

}
