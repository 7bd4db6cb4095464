/**
 * Immutable values that describe nodes: {@link dev.tcpnet.peer.NodeId},
 * {@link dev.tcpnet.peer.Peer}, {@link dev.tcpnet.peer.LocalNode}.
 */
@NullMarked
package dev.tcpnet.peer;

import org.jspecify.annotations.NullMarked;
