package dev.tcpnet.peer;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * An immutable snapshot of a connected peer.
 *
 * @param nodeId the peer's node id
 * @param cluster the cluster the peer belongs to
 * @param remoteAddress the remote end of the connection
 * @param listenPort the port the peer accepts connections on
 * @param direction which side opened the connection
 * @param connectedAt when the peer became connected
 */
public record Peer(NodeId nodeId, String cluster, InetSocketAddress remoteAddress, int listenPort, Direction direction,
		Instant connectedAt) {

	/**
	 * Returns the address the peer accepts connections on: its remote host and listen
	 * port.
	 * @return the peer's listen address
	 */
	public InetSocketAddress listenAddress() {
		return new InetSocketAddress(this.remoteAddress.getAddress(), this.listenPort);
	}

}
