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

package dev.tcpnet.peer;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * An immutable snapshot of a connected peer.
 *
 * @param nodeId the peer's node id
 * @param cluster the cluster the peer belongs to
 * @param remoteAddress the remote end of the connection
 * @param listenPort the port the peer accepts connections on
 * @param direction which side opened the connection
 * @param connectedAt when the peer became connected
 */
public record Peer(NodeId nodeId, String cluster, InetSocketAddress remoteAddress, int listenPort, Direction direction,
		Instant connectedAt) {

	/**
	 * Returns the address the peer accepts connections on: its remote host and listen
	 * port.
	 * @return the peer's listen address
	 */
	public InetSocketAddress listenAddress() {
		return new InetSocketAddress(this.remoteAddress.getAddress(), this.listenPort);
	}

}
