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
