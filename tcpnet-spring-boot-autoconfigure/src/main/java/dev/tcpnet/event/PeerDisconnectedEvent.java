package dev.tcpnet.event;

import dev.tcpnet.peer.Peer;

/**
 * Published once when a connected peer is no longer connected. Published from the
 * {@code tcpnet-events} thread, always after the peer's {@link PeerConnectedEvent}.
 */
public class PeerDisconnectedEvent extends PeerEvent {

	private final Reason reason;

	public PeerDisconnectedEvent(Object source, Peer peer, Reason reason) {
		super(source, peer);
		this.reason = reason;
	}

	/**
	 * Returns why the peer is no longer connected.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "PeerDisconnectedEvent[" + getPeer().nodeId() + " " + this.reason + "]";
	}

	/**
	 * Why a peer is no longer connected.
	 */
	public enum Reason {

		/** The peer said goodbye: it is stopping. */
		LEFT,

		/**
		 * The connection closed without a goodbye, or the peer went silent for the
		 * heartbeat timeout. tcpnet reconnects and keeps buffering messages for it.
		 */
		LOST,

		/** This node is stopping. */
		SHUTDOWN

	}

}
