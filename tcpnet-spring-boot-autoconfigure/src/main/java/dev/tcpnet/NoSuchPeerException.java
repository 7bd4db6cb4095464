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

import dev.tcpnet.peer.NodeId;

/**
 * Thrown when a message is sent to a node that is not a connected peer.
 *
 * @since 0.1.0
 */
public class NoSuchPeerException extends IllegalArgumentException {

	private final NodeId nodeId;

	public NoSuchPeerException(NodeId nodeId) {
		super("No connected peer with node id " + nodeId);
		this.nodeId = nodeId;
	}

	/**
	 * Returns the node id that was asked for.
	 * @return the node id
	 */
	public NodeId getNodeId() {
		return this.nodeId;
	}

}
