package dev.tcpnet.mesh;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.registry.PeerPressure;
import dev.tcpnet.registry.Pressure;
import dev.tcpnet.transport.Connection;
import org.jspecify.annotations.Nullable;

/**
 * Reads what the mesh's sessions and connections hold, for the pressure gauges and the
 * endpoint.
 */
final class MeshPressure implements Pressure.Source {

	private final Sessions sessions;

	private final ReadGate gate;

	MeshPressure(Sessions sessions, ReadGate gate) {
		this.sessions = sessions;
		this.gate = gate;
	}

	@Override
	public long bufferedMessages() {
		return this.sessions.all().stream().mapToLong(Session::bufferedMessages).sum();
	}

	@Override
	public long bufferedBytes() {
		return this.sessions.all().stream().mapToLong(Session::bufferedBytes).sum();
	}

	@Override
	public long outboundBytes() {
		return this.sessions.all().stream().mapToLong(MeshPressure::queuedBytes).sum();
	}

	@Override
	public int pausedReads() {
		return this.gate.pausedCount();
	}

	@Override
	public @Nullable PeerPressure of(NodeId nodeId) {
		Session session = this.sessions.get(nodeId);
		if (session == null) {
			return null;
		}
		Connection connection = session.connection();
		return new PeerPressure(session.bufferedMessages(), session.bufferedBytes(), queuedBytes(session),
				connection != null && this.gate.isPaused(connection));
	}

	private static long queuedBytes(Session session) {
		Connection connection = session.connection();
		return (connection != null) ? connection.queuedBytes() : 0;
	}

}
