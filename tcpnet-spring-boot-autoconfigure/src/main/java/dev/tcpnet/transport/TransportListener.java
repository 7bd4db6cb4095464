package dev.tcpnet.transport;

import java.net.SocketAddress;

import dev.tcpnet.peer.Direction;

/**
 * Receives what a {@link Transport} reports. Methods are called on network threads: they
 * must return quickly and never run application code.
 */
public interface TransportListener {

	/**
	 * Called once per connection whose handshake completed. Frames that follow are
	 * delivered to the {@link ConnectionListener} set in this call, so set it here.
	 * @param connection the connection
	 */
	void connected(Connection connection);

	/**
	 * Called when a connection is established, before its handshake.
	 * @param remote the remote address
	 * @param direction which side dialed
	 */
	default void opened(SocketAddress remote, Direction direction) {
	}

	/**
	 * Called when this node refuses a connection's handshake.
	 * @param remote the remote address
	 * @param reason why
	 */
	default void rejected(SocketAddress remote, RejectReason reason) {
	}

	/**
	 * Called when a connection closes before its handshake completed, for whatever
	 * reason.
	 * @param remote the remote address
	 */
	default void closedBeforeHandshake(SocketAddress remote) {
	}

}
