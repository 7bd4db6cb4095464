package dev.tcpnet.event;

import dev.tcpnet.peer.Peer;

/**
 * Published when tcpnet stops trying to reach a lost peer
 * ({@code tcpnet.reconnect.give-up-after} passed). Messages still buffered for it are
 * dropped, each with a {@link MessageDroppedEvent}. Published from the
 * {@code tcpnet-events} thread.
 */
public class PeerGaveUpEvent extends PeerEvent {

	public PeerGaveUpEvent(Object source, Peer peer) {
		super(source, peer);
	}

	@Override
	public String toString() {
		return "PeerGaveUpEvent[" + getPeer().nodeId() + "]";
	}

}
