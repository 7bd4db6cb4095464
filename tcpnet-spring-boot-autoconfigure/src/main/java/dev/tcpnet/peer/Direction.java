package dev.tcpnet.peer;

/**
 * Which side opened a connection.
 */
public enum Direction {

	/** The remote node dialed this node. */
	INBOUND,

	/** This node dialed the remote node. */
	OUTBOUND

}
