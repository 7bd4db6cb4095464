package dev.tcpnet.transport;

import java.net.SocketAddress;

/**
 * Receives what a {@link Transport} reports. Methods are called on network threads: they must
 * return quickly and never run application code.
 */
public interface TransportListener {

	/**
	 * Called once per connection whose handshake completed. Frames that follow are delivered to
	 * the {@link ConnectionListener} set in this call, so set it here.
	 * @param connection the connection
	 */
	void connected(Connection connection);

	/**
	 * Called when a connection is refused or closed before its handshake completed.
	 * @param remote the remote address
	 * @param reason why
	 */
	default void rejected(SocketAddress remote, RejectReason reason) {
	}

}
