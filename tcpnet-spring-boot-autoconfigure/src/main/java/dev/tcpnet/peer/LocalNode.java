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
