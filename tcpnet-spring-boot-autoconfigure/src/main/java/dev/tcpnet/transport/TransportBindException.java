package dev.tcpnet.transport;

import java.net.InetSocketAddress;

/**
 * Thrown when the acceptor cannot bind its address, most often because the port is in
 * use.
 */
public class TransportBindException extends RuntimeException {

	private final InetSocketAddress address;

	public TransportBindException(InetSocketAddress address, Throwable cause) {
		super("tcpnet could not bind " + address + ": " + cause.getMessage(), cause);
		this.address = address;
	}

	/**
	 * Returns the address that could not be bound.
	 * @return the address
	 */
	public InetSocketAddress getAddress() {
		return this.address;
	}

}
