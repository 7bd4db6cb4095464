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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * An immutable snapshot of a connected peer.
 *
 * @param nodeId the peer's node id
 * @param cluster the cluster the peer belongs to
 * @param remoteAddress the remote end of the connection
 * @param listenPort the port the peer accepts connections on
 * @param direction which side opened the connection
 * @param connectedAt when the peer became connected
 * @param metadata what the peer says about itself ({@code tcpnet.metadata.*} on its side,
 * and its HTTP port under {@link #HTTP_PORT}); empty for a peer of protocol version 1
 * @param transport what the connection runs on: {@code tcp}, or {@code unix} for a
 * Unix-domain socket to a node of the same host
 */
public record Peer(NodeId nodeId, String cluster, InetSocketAddress remoteAddress, int listenPort, Direction direction,
		Instant connectedAt, Map<String, String> metadata, String transport) {

	/**
	 * The metadata key under which a node states the port of its web server, when it runs
	 * one.
	 */
	public static final String HTTP_PORT = "http-port";

	public Peer {
		// Unmodifiable and in the order the peer stated it
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	/**
	 * Creates a peer connected over TCP.
	 * @param nodeId the peer's node id
	 * @param cluster the cluster the peer belongs to
	 * @param remoteAddress the remote end of the connection
	 * @param listenPort the port the peer accepts connections on
	 * @param direction which side opened the connection
	 * @param connectedAt when the peer became connected
	 * @param metadata what the peer says about itself
	 */
	public Peer(NodeId nodeId, String cluster, InetSocketAddress remoteAddress, int listenPort, Direction direction,
			Instant connectedAt, Map<String, String> metadata) {
		this(nodeId, cluster, remoteAddress, listenPort, direction, connectedAt, metadata, "tcp");
	}

	/**
	 * Creates a peer without metadata.
	 * @param nodeId the peer's node id
	 * @param cluster the cluster the peer belongs to
	 * @param remoteAddress the remote end of the connection
	 * @param listenPort the port the peer accepts connections on
	 * @param direction which side opened the connection
	 * @param connectedAt when the peer became connected
	 */
	public Peer(NodeId nodeId, String cluster, InetSocketAddress remoteAddress, int listenPort, Direction direction,
			Instant connectedAt) {
		this(nodeId, cluster, remoteAddress, listenPort, direction, connectedAt, Map.of());
	}

	/**
	 * Returns the port of the peer's web server, from its metadata.
	 * @return the HTTP port, or empty when the peer states none (or not a valid port)
	 */
	public OptionalInt httpPort() {
		String value = this.metadata.get(HTTP_PORT);
		if (value == null) {
			return OptionalInt.empty();
		}
		try {
			int port = Integer.parseInt(value.trim());
			return (port > 0 && port <= 0xFFFF) ? OptionalInt.of(port) : OptionalInt.empty();
		}
		catch (NumberFormatException ex) {
			return OptionalInt.empty();
		}
	}

	/**
	 * Returns the address the peer accepts connections on: its remote host and listen
	 * port.
	 * @return the peer's listen address
	 */
	public InetSocketAddress listenAddress() {
		return new InetSocketAddress(this.remoteAddress.getAddress(), this.listenPort);
	}

}
