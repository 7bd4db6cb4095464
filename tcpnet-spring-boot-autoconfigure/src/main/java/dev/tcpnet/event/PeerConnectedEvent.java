package dev.tcpnet.event;

import dev.tcpnet.peer.Peer;

/**
 * Published once when a peer becomes connected: its handshake completed and it is the one
 * connection kept for the pair. Published from the {@code tcpnet-events} thread.
 */
public class PeerConnectedEvent extends PeerEvent {

	private final boolean reconnect;

	public PeerConnectedEvent(Object source, Peer peer) {
		this(source, peer, false);
	}

	public PeerConnectedEvent(Object source, Peer peer, boolean reconnect) {
		super(source, peer);
		this.reconnect = reconnect;
	}

	/**
	 * Returns whether the peer was lost before and tcpnet reconnected to it; messages sent
	 * meanwhile were buffered and are now delivered.
	 * @return whether this is a reconnect
	 */
	public boolean isReconnect() {
		return this.reconnect;
	}

	@Override
	public String toString() {
		return "PeerConnectedEvent[" + getPeer().nodeId() + " " + getPeer().remoteAddress()
				+ (this.reconnect ? " reconnect]" : "]");
	}

}
