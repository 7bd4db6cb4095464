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

package dev.tcpnet.messaging;

import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.convert.TcpnetPayloadConverter;
import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.Peer;

/**
 * A {@code @TcpnetRequestHandler} method on one of its topics: converts the request,
 * calls the method, and converts what it returns (or what its stage completes with) to
 * the reply.
 */
final class AnnotatedRequestHandler implements RequestHandler {

	private static final byte[] EMPTY = new byte[0];

	private final String topic;

	private final ListenerMethod method;

	private final TcpnetPayloadConverter converter;

	AnnotatedRequestHandler(String topic, ListenerMethod method, TcpnetPayloadConverter converter) {
		this.topic = topic;
		this.method = method;
		this.converter = converter;
	}

	@Override
	public String topic() {
		return this.topic;
	}

	@Override
	public byte[] handle(Peer from, byte[] payload) throws Exception {
		try {
			return handleAsync(from, payload, Headers.EMPTY).toCompletableFuture().join();
		}
		catch (CompletionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof Exception exception) ? exception : ex;
		}
	}

	@Override
	public CompletionStage<byte[]> handleAsync(Peer from, byte[] payload, Headers headers) throws Exception {
		Type type = this.method.payloadType();
		Object request = (type != null) ? this.converter.fromPayload(payload, type) : null;
		Object result = this.method.invoke(new Inbound(from, this.topic, request, headers));
		if (result instanceof CompletionStage<?> stage) {
			return stage.thenApply(this::reply);
		}
		return CompletableFuture.completedFuture(reply(result));
	}

	private byte[] reply(@Nullable Object result) {
		return (result != null) ? this.converter.toPayload(result) : EMPTY;
	}

	@Override
	public String toString() {
		return "@TcpnetRequestHandler " + this.method + " on '" + this.topic + "'";
	}

}
