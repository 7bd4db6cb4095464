package dev.tcpnet;

import dev.tcpnet.peer.NodeId;

/**
 * Thrown when a message is sent to a node that is not a connected peer.
 */
public class NoSuchPeerException extends IllegalArgumentException {

	private final NodeId nodeId;

	public NoSuchPeerException(NodeId nodeId) {
		super("No connected peer with node id " + nodeId);
		this.nodeId = nodeId;
	}

	/**
	 * Returns the node id that was asked for.
	 * @return the node id
	 */
	public NodeId getNodeId() {
		return this.nodeId;
	}

}
