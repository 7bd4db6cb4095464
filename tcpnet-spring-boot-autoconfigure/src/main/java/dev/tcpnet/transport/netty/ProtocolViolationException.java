package dev.tcpnet.transport.netty;

import dev.tcpnet.transport.RejectReason;

/**
 * The remote broke the protocol; the connection is closed with this reason.
 */
class ProtocolViolationException extends RuntimeException {

	private final RejectReason reason;

	ProtocolViolationException(RejectReason reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	RejectReason reason() {
		return this.reason;
	}

}
