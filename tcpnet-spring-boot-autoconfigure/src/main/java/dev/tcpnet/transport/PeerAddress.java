package dev.tcpnet.transport;

import java.net.InetSocketAddress;

import dev.tcpnet.peer.NodeId;

/**
 * Where a node accepts connections, as one peer tells another (peer exchange).
 *
 * @param nodeId the node's id
 * @param address its address and listen port
 */
public record PeerAddress(NodeId nodeId, InetSocketAddress address) {
}
