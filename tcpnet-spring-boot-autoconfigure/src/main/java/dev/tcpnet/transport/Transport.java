package dev.tcpnet.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Accepts and dials connections and hands them over once their handshake is complete.
 *
 * <p>
 * The transport owns the wire: framing, the handshake (protocol version, cluster,
 * identity), and frame-size and handshake-time limits. Connections that fail the
 * handshake never reach the {@link TransportListener}.
 */
public interface Transport {

	/**
	 * Binds the acceptor and starts accepting.
	 * @param address the address to bind; port 0 lets the operating system choose
	 * @param listener receives every connection, inbound and outbound, once its handshake
	 * is complete
	 * @return the bound address
	 * @throws TransportBindException if the address cannot be bound
	 */
	InetSocketAddress bind(InetSocketAddress address, TransportListener listener);

	/**
	 * Dials a node. The connection is also handed to the {@link TransportListener} before
	 * the returned future completes.
	 * @param address where the node accepts connections
	 * @return a future that completes with the connection once its handshake is complete,
	 * or fails (connection refused, timeout, handshake rejected, or
	 * {@link SelfConnectionException})
	 */
	CompletableFuture<Connection> dial(InetSocketAddress address);

	/**
	 * Stops accepting new connections; open connections stay open.
	 */
	void stopAccepting();

	/**
	 * Closes every connection and releases the transport's threads. Blocks until done.
	 */
	void close();

}
