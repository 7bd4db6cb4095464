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
 * the stream it was sent on. Its sequence number and payload size are copied here: an
 * acknowledgement reads them for every envelope it covers, and by then the envelopes and
 * payloads, written a window earlier, are mostly out of the cache.
 *
 * @param envelope the envelope sent
 * @param seq its sequence number in the session
 * @param size its payload size in bytes
 * @param stamp when it was enqueued, as {@link BufferClock#stamp()} tells
 * @param acknowledged the sender's future, completed by the acknowledgement, or
 * {@code null} for a message of a stream
 * @param stream the stream it was sent on, told of its acknowledgement, or {@code null}
 */
record Outgoing(Envelope envelope, long seq, int size, long stamp, @Nullable CompletableFuture<Void> acknowledged,
		@Nullable MeshTopicStream stream) {

	Outgoing(Envelope envelope, long stamp, CompletableFuture<Void> acknowledged) {
		this(envelope, envelope.seq(), envelope.payload().length, stamp, acknowledged, null);
	}

	Outgoing(Envelope envelope, long stamp, MeshTopicStream stream) {
		this(envelope, envelope.seq(), envelope.payload().length, stamp, null, stream);
	}

}
