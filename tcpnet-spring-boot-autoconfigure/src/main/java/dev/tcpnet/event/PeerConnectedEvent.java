package dev.tcpnet.event;

import dev.tcpnet.peer.Peer;

/**
 * Published once when a peer becomes connected: its handshake completed and it is the one
 * connection kept for the pair. Published from the {@code tcpnet-events} thread.
 */
public class PeerConnectedEvent extends PeerEvent {

	public PeerConnectedEvent(Object source, Peer peer) {
		super(source, peer);
	}

	@Override
	public String toString() {
		return "PeerConnectedEvent[" + getPeer().nodeId() + " " + getPeer().remoteAddress() + "]";
	}

}
