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

package dev.tcpnet.registry;

import java.util.List;
import java.util.Optional;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;

/**
 * Read access to the connected peers.
 *
 * @since 0.1.0
 */
public interface PeerRegistry {

	/**
	 * Returns the connected peers.
	 * @return a snapshot, in no particular order
	 */
	List<Peer> peers();

	/**
	 * Returns a connected peer.
	 * @param nodeId the peer's node id
	 * @return the peer, or empty when it is not connected
	 */
	Optional<Peer> peer(NodeId nodeId);

	/**
	 * Returns how many peers are connected.
	 * @return the number of connected peers
	 */
	int size();

	/**
	 * Returns what has crossed the connection to a peer since it connected.
	 * @param nodeId the peer's node id
	 * @return the statistics, or empty when the peer is not connected
	 */
	Optional<PeerStatistics> statistics(NodeId nodeId);

	/**
	 * Returns the counts since this node started.
	 * @return the counters
	 */
	TcpnetCounters counters();

	/**
	 * Returns what waits in this node's buffers, all peers together.
	 * @return the pressure now
	 */
	default Pressure pressure() {
		return new Pressure(0, 0, 0, 0, 0, 0);
	}

	/**
	 * Returns what waits in this node's buffers for one peer.
	 * @param nodeId the peer's node id
	 * @return its buffers, or empty when the peer is not known
	 */
	default Optional<PeerPressure> pressure(NodeId nodeId) {
		return Optional.empty();
	}

}
