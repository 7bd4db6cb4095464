package dev.tcpnet.transport;

import dev.tcpnet.peer.NodeId;

/**
 * What a node says about itself in the handshake.
 *
 * @param cluster the cluster the node belongs to
 * @param nodeId the node's id
 * @param incarnation when the node started, in epoch milliseconds
 * @param listenPort the port the node accepts connections on
 */
public record Handshake(String cluster, NodeId nodeId, long incarnation, int listenPort) {
}
