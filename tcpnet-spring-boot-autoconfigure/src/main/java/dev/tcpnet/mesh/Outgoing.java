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

import dev.tcpnet.transport.Envelope;

/**
 * An envelope waiting for its acknowledgement, and the sender's future. Its sequence
 * number and payload size are copied here: an acknowledgement reads them for every
 * envelope it covers, and by then the envelopes and payloads, written a window earlier,
 * are mostly out of the cache.
 *
 * @param envelope the envelope sent
 * @param seq its sequence number in the session
 * @param size its payload size in bytes
 * @param enqueuedNanos when it was enqueued ({@link System#nanoTime()})
 * @param acknowledged the sender's future, completed by the acknowledgement
 */
record Outgoing(Envelope envelope, long seq, int size, long enqueuedNanos, CompletableFuture<Void> acknowledged) {

	Outgoing(Envelope envelope, long enqueuedNanos, CompletableFuture<Void> acknowledged) {
		this(envelope, envelope.seq(), envelope.payload().length, enqueuedNanos, acknowledged);
	}

}
