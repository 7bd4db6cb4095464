package dev.tcpnet.registry;

/**
 * What waits in this node's buffers for one peer.
 *
 * @param bufferedMessages messages sent to it and not acknowledged yet
 * @param bufferedBytes payload bytes of those
 * @param outboundBytes bytes queued for its socket
 * @param readsPaused whether reading from it is paused while the application catches up
 */
public record PeerPressure(long bufferedMessages, long bufferedBytes, long outboundBytes, boolean readsPaused) {
}
