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

package dev.tcpnet.transport;

import java.util.Map;

import dev.tcpnet.peer.NodeId;

/**
 * What a node says about itself in the handshake.
 *
 * @param cluster the cluster the node belongs to
 * @param nodeId the node's id
 * @param incarnation when the node started, in epoch milliseconds
 * @param listenPort the port the node accepts connections on
 * @param attributes what else it says about itself (version 2: metadata, host identity),
 * bounded by {@link TcpnetProtocol#MAX_ATTRIBUTES_BYTES}; empty from version 1 nodes
 */
public record Handshake(String cluster, NodeId nodeId, long incarnation, int listenPort,
		Map<String, String> attributes) {

	public Handshake {
		attributes = Map.copyOf(attributes);
	}

	/**
	 * Creates a handshake without attributes.
	 * @param cluster the cluster the node belongs to
	 * @param nodeId the node's id
	 * @param incarnation when the node started, in epoch milliseconds
	 * @param listenPort the port the node accepts connections on
	 */
	public Handshake(String cluster, NodeId nodeId, long incarnation, int listenPort) {
		this(cluster, nodeId, incarnation, listenPort, Map.of());
	}

	/**
	 * Returns this handshake with the attributes the remote stated.
	 * @param attributes the attributes
	 * @return the handshake
	 */
	public Handshake withAttributes(Map<String, String> attributes) {
		return new Handshake(this.cluster, this.nodeId, this.incarnation, this.listenPort, attributes);
	}

}
