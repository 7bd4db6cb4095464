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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.Peer;

/**
 * Answers the requests of one topic ({@link Tcpnet#request}). Every bean of this type is
 * registered; handlers run on tcpnet's request threads, unless they say they never block
 * ({@link #isNonBlocking()}). An exception thrown by {@link #handle} fails the
 * requester's future with a {@link RequestFailedException} carrying its class name and
 * message. A topic has one handler: two for the same topic (beans or
 * {@link TcpnetRequestHandler @TcpnetRequestHandler} methods) fail the start. Up to
 * 10,000 requests wait for the four request threads; beyond, a request is refused at once
 * the same way.
 *
 * @since 0.1.0
 */
public interface RequestHandler {

	/**
	 * Returns the topic whose requests this handler answers.
	 * @return the topic
	 */
	String topic();

	/**
	 * Answers one request.
	 * @param from the peer that asked
	 * @param payload the request's payload
	 * @return the reply's payload
	 * @throws Exception to fail the request
	 */
	byte[] handle(Peer from, byte[] payload) throws Exception;

	/**
	 * Answers one request with its headers; by default it calls
	 * {@link #handle(Peer, byte[])}. Override it to read the headers.
	 * @param from the peer that asked
	 * @param payload the request's payload
	 * @param headers the request's headers, empty when it had none or came from a peer of
	 * protocol version 2 or older
	 * @return the reply's payload
	 * @throws Exception to fail the request
	 */
	default byte[] handle(Peer from, byte[] payload, Headers headers) throws Exception {
		return handle(from, payload);
	}

	/**
	 * Answers one request, now or later: the method tcpnet calls. The default calls
	 * {@link #handle(Peer, byte[], Headers)}. Override it to answer without holding the
	 * thread (the reply is sent when the stage completes, from the thread that completes
	 * it).
	 * @param from the peer that asked
	 * @param payload the request's payload
	 * @param headers the request's headers, empty when it had none
	 * @return the stage of the reply's payload; completed exceptionally to fail the
	 * request
	 * @throws Exception to fail the request
	 */
	default CompletionStage<byte[]> handleAsync(Peer from, byte[] payload, Headers headers) throws Exception {
		return CompletableFuture.completedFuture(handle(from, payload, headers));
	}

	/**
	 * Whether {@link #handle} never blocks and returns within microseconds (no I/O, no
	 * waiting on locks or other threads), so that it may run on the network thread that
	 * read the request. That saves two hand-offs between threads per request, which is
	 * most of a round trip on an idle machine; a handler that blocks there stalls every
	 * peer on that thread.
	 * @return {@code true} to answer on the network thread; {@code false} (the default)
	 * to answer on tcpnet's request threads
	 */
	default boolean isNonBlocking() {
		return false;
	}

}
