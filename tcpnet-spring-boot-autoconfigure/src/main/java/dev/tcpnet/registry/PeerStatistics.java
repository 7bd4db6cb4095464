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

package dev.tcpnet.registry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What has crossed the connection to one peer since it connected. Byte counts are payload
 * bytes.
 *
 * @param messagesIn messages received from the peer
 * @param messagesOut messages written to the peer
 * @param bytesIn payload bytes received from the peer
 * @param bytesOut payload bytes written to the peer
 * @param lastSeen when the peer was last heard from
 * @param rttMillis the last measured round-trip time, when known
 */
public record PeerStatistics(long messagesIn, long messagesOut, long bytesIn, long bytesOut, Instant lastSeen,
		@Nullable Long rttMillis) {
}
