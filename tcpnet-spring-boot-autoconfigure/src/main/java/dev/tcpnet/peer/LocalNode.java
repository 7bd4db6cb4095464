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

import java.net.InetAddress;
import java.util.List;

/**
 * This node as the mesh knows it once the acceptor is bound.
 *
 * @param nodeId this node's id
 * @param cluster the cluster this node belongs to
 * @param incarnation when this node started, in epoch milliseconds; tells a restarted
 * node with a fixed id from its former self
 * @param port the port the acceptor is bound to
 * @param addresses the addresses the acceptor listens on (every local address when bound
 * to the wildcard address)
 */
public record LocalNode(NodeId nodeId, String cluster, long incarnation, int port, List<InetAddress> addresses) {

	public LocalNode {
		addresses = List.copyOf(addresses);
	}

}
