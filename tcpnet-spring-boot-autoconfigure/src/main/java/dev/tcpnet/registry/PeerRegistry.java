package dev.tcpnet.registry;

import java.util.List;
import java.util.Optional;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;

/**
 * Read access to the connected peers.
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
