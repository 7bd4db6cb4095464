package dev.tcpnet.registry;

/**
 * Why a connection closed. Every connection that opened closes exactly once with one of
 * these.
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
	 * The connection closed before its handshake completed: refused, timed out, or to
	 * itself.
	 */
	REJECTED

}
