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

import java.time.Duration;

/**
 * How the mesh keeps peers and their messages.
 *
 * @param replacementTimeout how long to wait for the connection a peer keeps after it
 * dropped ours as a duplicate (version 1 pairs)
 * @param maxPeers the most peers to connect to
 * @param backoff how lost peers are redialed
 * @param giveUpAfter how long a lost peer is redialed before tcpnet gives up on it
 * @param ackInterval how often received messages are acknowledged at the latest
 * @param bufferMax the most unacknowledged messages kept per peer
 * @param bufferMaxBytes the most bytes of unacknowledged payload kept per peer
 * @param bufferTimeout how long a message may wait for its acknowledgement
 * @param heartbeatInterval how often a live peer is heard from at least
 * @param receiveBufferMaxBytes the most payload bytes received that may wait for the
 * application's listeners and handlers before reads pause
 * @param stallTimeout how long a peer may leave every envelope sent to it unacknowledged
 * before its connection is closed as stalled
 */
public record MeshSettings(Duration replacementTimeout, int maxPeers, Backoff backoff, Duration giveUpAfter,
		Duration ackInterval, int bufferMax, long bufferMaxBytes, Duration bufferTimeout, Duration heartbeatInterval,
		long receiveBufferMaxBytes, Duration stallTimeout) {

	/**
	 * Returns the defaults.
	 * @return the default settings
	 */
	public static MeshSettings defaults() {
		return new MeshSettings(Duration.ofSeconds(5), 1000,
				new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 2.0, 0.2), Duration.ofMinutes(15),
				Duration.ofSeconds(1), 10_000, 16L << 20, Duration.ofMinutes(15), Duration.ofSeconds(1), 32L << 20,
				Duration.ofSeconds(3));
	}

	/**
	 * Returns these settings with other buffer limits.
	 * @param bufferMax the most unacknowledged messages kept per peer
	 * @param bufferMaxBytes the most bytes of unacknowledged payload kept per peer
	 * @return the settings
	 */
	public MeshSettings withBuffer(int bufferMax, long bufferMaxBytes) {
		return new MeshSettings(this.replacementTimeout, this.maxPeers, this.backoff, this.giveUpAfter,
				this.ackInterval, bufferMax, bufferMaxBytes, this.bufferTimeout, this.heartbeatInterval,
				this.receiveBufferMaxBytes, this.stallTimeout);
	}

	/**
	 * Returns these settings with another receive buffer.
	 * @param receiveBufferMaxBytes the most payload bytes that may wait for the
	 * application
	 * @return the settings
	 */
	public MeshSettings withReceiveBuffer(long receiveBufferMaxBytes) {
		return new MeshSettings(this.replacementTimeout, this.maxPeers, this.backoff, this.giveUpAfter,
				this.ackInterval, this.bufferMax, this.bufferMaxBytes, this.bufferTimeout, this.heartbeatInterval,
				receiveBufferMaxBytes, this.stallTimeout);
	}

	OutboundStream.Limits limits() {
		return new OutboundStream.Limits(this.bufferMax, this.bufferMaxBytes);
	}

}
