package dev.tcpnet.event;

import dev.tcpnet.peer.Peer;

import org.springframework.context.ApplicationEvent;

/**
 * Base class of the events about one peer. Every peer event is published from the single
 * {@code tcpnet-events} thread, in the order the transitions happened, so a peer's
 * {@link PeerConnectedEvent} always precedes its messages and its
 * {@link PeerDisconnectedEvent}. Never from a network thread: listeners may block, but a
 * slow listener delays every later tcpnet event.
 */
public abstract class PeerEvent extends ApplicationEvent {

	private final Peer peer;

	protected PeerEvent(Object source, Peer peer) {
		super(source);
		this.peer = peer;
	}

	/**
	 * Returns the peer this event is about, as it was when the event happened.
	 * @return the peer snapshot
	 */
	public Peer getPeer() {
		return this.peer;
	}

}
