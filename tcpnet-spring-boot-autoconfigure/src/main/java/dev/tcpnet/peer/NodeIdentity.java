package dev.tcpnet.peer;

/**
 * Who this node is, fixed for the life of the application context.
 *
 * @param nodeId this node's id
 * @param cluster the cluster this node belongs to
 * @param incarnation when this node started, in epoch milliseconds
 */
public record NodeIdentity(NodeId nodeId, String cluster, long incarnation) {
}
