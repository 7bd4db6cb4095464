package dev.tcpnet.registry;

/**
 * Why a connection closed. Every connection that opened closes exactly once with one of these.
 */
public enum CloseReason {

	/** The peer said goodbye. */
	LEFT,

	/** The connection closed without a goodbye. */
	LOST,

	/** This node is stopping. */
	SHUTDOWN,

	/** The pair kept another connection. */
	DUPLICATE,

	/**
	 * The connection was refused: before its handshake completed (refused, timed out, or to
	 * itself), or later for breaking the protocol.
	 */
	REJECTED,

	/**
	 * The peer stopped reading: nothing written reached it for
	 * {@code tcpnet.heartbeat.write-timeout}, and this node closed the connection.
	 */
	STALLED

}
