package dev.tcpnet.event;

import java.time.Duration;

import dev.tcpnet.peer.Peer;

/**
 * Published each time tcpnet schedules another attempt to reach a lost peer. Published
 * from the {@code tcpnet-events} thread, after the peer's {@link PeerDisconnectedEvent}.
 */
public class PeerReconnectingEvent extends PeerEvent {

	private final int attempt;

	private final Duration delay;

	public PeerReconnectingEvent(Object source, Peer peer, int attempt, Duration delay) {
		super(source, peer);
		this.attempt = attempt;
		this.delay = delay;
	}

	/**
	 * Returns the number of the attempt to come, from 1.
	 * @return the attempt
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * Returns how long until that attempt.
	 * @return the delay
	 */
	public Duration getDelay() {
		return this.delay;
	}

	@Override
	public String toString() {
		return "PeerReconnectingEvent[" + getPeer().nodeId() + " attempt " + this.attempt + " in "
				+ this.delay.toMillis() + " ms]";
	}

}
