package dev.tcpnet.event;

import java.nio.charset.StandardCharsets;

import dev.tcpnet.peer.Peer;

/**
 * Published for every message a peer sends to this node. Published from the
 * {@code tcpnet-events} thread, in the order the peer sent them, after the peer's
 * {@link PeerConnectedEvent}.
 */
public class PeerMessageEvent extends PeerEvent {

	private final String topic;

	private final byte[] payload;

	public PeerMessageEvent(Object source, Peer peer, String topic, byte[] payload) {
		super(source, peer);
		this.topic = topic;
		this.payload = payload;
	}

	/**
	 * Returns the topic the sender gave the message.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

	/**
	 * Returns the payload. The array is this event's own: listeners share it, so treat it
	 * as read-only.
	 * @return the payload bytes
	 */
	public byte[] getPayload() {
		return this.payload;
	}

	/**
	 * Returns the payload decoded as UTF-8.
	 * @return the payload as text
	 */
	public String getPayloadAsString() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "PeerMessageEvent[" + getPeer().nodeId() + " " + this.topic + " " + this.payload.length + " bytes]";
	}

}
