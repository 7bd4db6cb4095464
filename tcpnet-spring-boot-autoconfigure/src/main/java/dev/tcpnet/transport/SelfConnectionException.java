package dev.tcpnet.transport;

import java.net.SocketAddress;

/**
 * A dial reached this node itself (a static seed or mDNS record that points back here).
 */
public class SelfConnectionException extends RuntimeException {

	public SelfConnectionException(SocketAddress address) {
		super(address + " is this node", null, false, false);
	}

}
