package dev.tcpnet.transport;

/**
 * Receives what arrives on one {@link Connection}. Called on the connection's network thread,
 * in order: return quickly and never run application code here.
 */
public interface ConnectionListener {

	/**
	 * A message arrived.
	 * @param connection the connection
	 * @param topic the message's topic
	 * @param payload the message's payload (owned by the listener)
	 */
	void message(Connection connection, String topic, byte[] payload);

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
