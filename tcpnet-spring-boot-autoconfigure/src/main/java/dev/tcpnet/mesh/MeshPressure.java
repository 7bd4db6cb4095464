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

import org.jspecify.annotations.Nullable;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.registry.PeerPressure;
import dev.tcpnet.registry.Pressure;
import dev.tcpnet.transport.Connection;

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
