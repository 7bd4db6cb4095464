package dev.tcpnet.transport;

/**
 * A dialed node refused the handshake, or this node refused the dialed node's.
 */
public class HandshakeRejectedException extends RuntimeException {

	private final RejectReason reason;

	public HandshakeRejectedException(RejectReason reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	/**
	 * Returns why the handshake was refused.
	 * @return the reason
	 */
	public RejectReason getReason() {
		return this.reason;
	}

}
