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

package dev.tcpnet.discovery;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.tcpnet.peer.NodeId;

/**
 * A hint that a node may accept connections at some addresses.
 *
 * @param mechanism the name of the mechanism that saw it
 * @param nodeId the node's id when the mechanism knows it (mDNS does, static seeds do
 * not)
 * @param addresses where the node may accept connections, best first; never empty
 * @param attributes what the mechanism learned about how to reach the node, under the
 * keys of tcpnet's handshake attributes ({@code tcpnet.host} and
 * {@code tcpnet.unix-socket} for a node with a Unix-domain socket, see
 * {@code TcpnetProtocol}, "Same-host peers"); a hint for the transport, empty when the
 * mechanism learned nothing
 */
public record Sighting(String mechanism, @Nullable NodeId nodeId, List<InetSocketAddress> addresses,
		Map<String, String> attributes) {

	public Sighting {
		addresses = List.copyOf(addresses);
		attributes = Map.copyOf(attributes);
		if (addresses.isEmpty()) {
			throw new IllegalArgumentException("A sighting needs at least one address");
		}
	}

	/**
	 * Creates a sighting of a node the mechanism knows nothing more about than where it
	 * may be.
	 * @param mechanism the name of the mechanism that saw it
	 * @param nodeId the node's id when the mechanism knows it
	 * @param addresses where the node may accept connections, best first; never empty
	 */
	public Sighting(String mechanism, @Nullable NodeId nodeId, List<InetSocketAddress> addresses) {
		this(mechanism, nodeId, addresses, Map.of());
	}

}
