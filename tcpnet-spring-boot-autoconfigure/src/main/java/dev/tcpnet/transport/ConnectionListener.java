package dev.tcpnet.transport;

import java.util.List;

/**
 * Receives what arrives on one {@link Connection}. Called on the connection's network
 * thread, in order: return quickly and never run application code here.
 */
public interface ConnectionListener {

	/**
	 * An envelope arrived.
	 * @param connection the connection
	 * @param envelope the envelope (its payload is owned by the listener)
	 */
	void received(Connection connection, Envelope envelope);

	/**
	 * Everything read from the network in one go has been passed on: the moment to hand
	 * what was received to other threads in one batch. A transport calls it after every
	 * batch of {@link #received} calls, and before {@link #goodbye}, {@link #duplicate}
	 * and {@link #closed} take effect.
	 * @param connection the connection
	 */
	default void readComplete(Connection connection) {
	}

	/**
	 * The remote acknowledged every envelope up to a sequence number.
	 * @param connection the connection
	 * @param seq the highest sequence number it delivered
	 */
	void acknowledged(Connection connection, long seq);

	/**
	 * A heartbeat measured the round-trip time.
	 * @param connection the connection
	 * @param nanos the round-trip time in nanoseconds
	 */
	default void roundTrip(Connection connection, long nanos) {
	}

	/**
	 * The remote node told which other peers it is connected to.
	 * @param connection the connection
	 * @param peers the peers
	 */
	default void peersTold(Connection connection, List<PeerAddress> peers) {
	}

	/**
	 * The remote node said goodbye: it is stopping. The connection closes next.
	 * @param connection the connection
	 */
	void goodbye(Connection connection);

	/**
	 * The remote node keeps another connection with this node and closes this one.
	 * @param connection the connection
	 */
	void duplicate(Connection connection);

	/**
	 * The connection closed, for whatever reason. Called exactly once.
	 * @param connection the connection
	 */
	void closed(Connection connection);

}
