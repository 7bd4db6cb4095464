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

import java.util.Comparator;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Connection;

/**
 * The rule both ends of a pair apply to choose one of two connections: keep the one
 * dialed by the smaller node id; when the same node dialed both, keep the one with the
 * smaller connection id. Both ends know who dialed and the dialer's connection id, so
 * both choose the same connection without talking about it.
 */
final class ConnectionRank {

	private final NodeId self;

	ConnectionRank(NodeId self) {
		this.self = self;
	}

	/**
	 * Returns the connection to keep.
	 * @param a one connection to the peer
	 * @param b the other connection to the same peer
	 * @return the connection to keep, {@code a} or {@code b}
	 */
	Connection preferred(Connection a, Connection b) {
		return (comparator().compare(a, b) <= 0) ? a : b;
	}

	private Comparator<Connection> comparator() {
		return Comparator.comparing(this::dialer).thenComparing(Connection::connectionId, Long::compareUnsigned);
	}

	private NodeId dialer(Connection connection) {
		return (connection.direction() == Direction.OUTBOUND) ? this.self : connection.remote().nodeId();
	}

}
