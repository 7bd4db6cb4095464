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

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.tcpnet.transport.Envelope;

/**
 * An envelope waiting for its acknowledgement, and whom to tell: the sender's future, or
 * the stream it was sent on. The buffer ({@link OutboundStream}) keeps its size and stamp
 * beside it, and keeps a stream's messages without one until they are dropped.
 *
 * @param envelope the envelope sent
 * @param acknowledged the sender's future, completed by the acknowledgement, or
 * {@code null} for a message of a stream
 * @param stream the stream it was sent on, told of its drop, or {@code null}
 */
record Outgoing(Envelope envelope, @Nullable CompletableFuture<Void> acknowledged, @Nullable MeshTopicStream stream) {

	Outgoing(Envelope envelope, CompletableFuture<Void> acknowledged) {
		this(envelope, acknowledged, null);
	}

	Outgoing(Envelope envelope, MeshTopicStream stream) {
		this(envelope, null, stream);
	}

}
