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

import java.time.Duration;
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
 * Messages received from peers reach the application's
 * {@link TcpnetListener @TcpnetListener} methods, {@link TopicListener} beans, or, on
 * topics that have neither, as {@link dev.tcpnet.event.PeerMessageEvent}s.
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
	 * is back. This is the fastest path: the payload is sent as it is.
	 * @param nodeId the peer's node id
	 * @param topic the topic (at most {@value #MAX_TOPIC_BYTES} bytes of UTF-8)
	 * @param payload the payload; the array must not change until the future completes
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
	 * Opens a high-rate stream of messages to one peer on one topic: no future per
	 * message, {@link TopicStream#send(byte[], Duration) send} waits for room in the
	 * peer's buffer instead of dropping, and one {@link TopicStream#flush() flush}
	 * reports on everything sent before it. Delivered exactly once and in order, as by
	 * {@link #send(NodeId, String, byte[])}, whose buffer it shares.
	 * @param nodeId the peer's node id
	 * @param topic the topic (at most {@value #MAX_TOPIC_BYTES} bytes of UTF-8)
	 * @return the stream; cheap, and may be kept for as long as the peer is known
	 * @throws NoSuchPeerException if no node with that id is known
	 * @throws UnsupportedOperationException if this implementation has no streams
	 */
	default TopicStream stream(NodeId nodeId, String topic) {
		throw new UnsupportedOperationException("This Tcpnet has no streams");
	}

	/**
	 * Opens a high-rate stream, as by {@link #stream(NodeId, String)}.
	 * @param nodeId the peer's node id, as in {@link NodeId#of(String)}
	 * @param topic the topic
	 * @return the stream
	 * @throws NoSuchPeerException if no node with that id is known
	 */
	default TopicStream stream(String nodeId, String topic) {
		return stream(NodeId.of(nodeId), topic);
	}

	/**
	 * Sends an object to one peer, converted by the
	 * {@link dev.tcpnet.convert.TcpnetPayloadConverter} (a {@code String} as UTF-8, a
	 * {@code byte[]} as it is, anything else as JSON when Jackson is on the class path),
	 * then as by {@link #send(NodeId, String, byte[])}.
	 * @param nodeId the peer's node id
	 * @param topic the topic
	 * @param payload the object to send
	 * @return a future that completes when the peer has acknowledged the message
	 * @throws NoSuchPeerException if no node with that id is known
	 * @throws dev.tcpnet.convert.PayloadConversionException if the object cannot be
	 * converted
	 */
	CompletableFuture<Void> send(NodeId nodeId, String topic, Object payload);

	/**
	 * Sends an object to one peer, as by {@link #send(NodeId, String, Object)}.
	 * @param nodeId the peer's node id, as in {@link NodeId#of(String)}
	 * @param topic the topic
	 * @param payload the object to send
	 * @return a future that completes when the peer has acknowledged the message
	 * @throws NoSuchPeerException if no node with that id is known
	 */
	default CompletableFuture<Void> send(String nodeId, String topic, Object payload) {
		return send(NodeId.of(nodeId), topic, payload);
	}

	/**
	 * Sends a message to every peer that {@link #send(NodeId, String, byte[])} would take
	 * it for: the connected ones, and those known but momentarily unreachable, for which
	 * it is buffered.
	 * @param topic the topic
	 * @param payload the payload
	 * @return the peers it was sent to, each with the future of its acknowledgement
	 */
	Broadcast broadcast(String topic, byte[] payload);

	/**
	 * Sends an object to every peer, converted once as by
	 * {@link #send(NodeId, String, Object)}, then as by
	 * {@link #broadcast(String, byte[])}.
	 * @param topic the topic
	 * @param payload the object to send
	 * @return the peers it was sent to, each with the future of its acknowledgement
	 * @throws dev.tcpnet.convert.PayloadConversionException if the object cannot be
	 * converted
	 */
	Broadcast broadcast(String topic, Object payload);

	/**
	 * Asks a peer and waits for its answer: the peer's {@link RequestHandler} bean or
	 * {@link TcpnetRequestHandler @TcpnetRequestHandler} method for the topic replies
	 * (upnode's {@code up(timeout, cb)}). Requests and replies are delivered like
	 * messages, so a short outage only delays them.
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
	CompletableFuture<byte[]> request(NodeId nodeId, String topic, byte[] payload, Duration timeout);

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
			Duration timeout) {
		requireNoHeaders(headers);
		return request(nodeId, topic, payload, timeout);
	}

	/**
	 * Sends a message with headers to every peer {@link #broadcast(String, byte[])}
	 * takes, each as by {@link #send(NodeId, String, byte[], Headers)}.
	 * @param topic the topic
	 * @param payload the payload
	 * @param headers the headers
	 * @return the peers it was sent to, and each one's future
	 * @throws UnsupportedOperationException if this implementation sends no headers and
	 * some are given
	 */
	default Broadcast broadcast(String topic, byte[] payload, Headers headers) {
		requireNoHeaders(headers);
		return broadcast(topic, payload);
	}

	private static void requireNoHeaders(Headers headers) {
		if (!headers.isEmpty()) {
			throw new UnsupportedOperationException("This Tcpnet sends no headers");
		}
	}

	/**
	 * Asks a peer with an object and converts its answer, both with the
	 * {@link dev.tcpnet.convert.TcpnetPayloadConverter}; otherwise as by
	 * {@link #request(NodeId, String, byte[], Duration)}.
	 * @param nodeId the peer's node id
	 * @param topic the topic
	 * @param payload the request
	 * @param replyType the type to convert the reply to
	 * @param timeout how long to wait for the reply
	 * @param <T> the reply's type
	 * @return a future of the reply; fails as the one of
	 * {@link #request(NodeId, String, byte[], Duration)} does, or with a
	 * {@link dev.tcpnet.convert.PayloadConversionException} if the reply cannot be
	 * converted
	 * @throws NoSuchPeerException if no node with that id is known
	 */
	<T> CompletableFuture<T> request(NodeId nodeId, String topic, Object payload, Class<T> replyType, Duration timeout);

	/**
	 * Asks a peer with an object, as by
	 * {@link #request(NodeId, String, Object, Class, Duration)}.
	 * @param nodeId the peer's node id, as in {@link NodeId#of(String)}
	 * @param topic the topic
	 * @param payload the request
	 * @param replyType the type to convert the reply to
	 * @param timeout how long to wait for the reply
	 * @param <T> the reply's type
	 * @return a future of the reply
	 * @throws NoSuchPeerException if no node with that id is known
	 */
	default <T> CompletableFuture<T> request(String nodeId, String topic, Object payload, Class<T> replyType,
			Duration timeout) {
		return request(NodeId.of(nodeId), topic, payload, replyType, timeout);
	}

	/** The longest topic, in bytes of UTF-8. */
	int MAX_TOPIC_BYTES = 1024;

}
