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

import org.jspecify.annotations.Nullable;

import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.Peer;

/**
 * What a listener or handler method may receive of one inbound message. The place to add
 * what a message carries besides its payload: a field here and a
 * {@link ListenerMethod.Kind} that reads it.
 *
 * @param peer the peer that sent it
 * @param topic its topic
 * @param payload its payload, converted to the method's payload type, or {@code null}
 * @param headers its headers, empty when it had none or came from a peer of protocol
 * version 2 or older
 */
record Inbound(Peer peer, String topic, @Nullable Object payload, Headers headers) {
}
