package dev.tcpnet;

import dev.tcpnet.peer.Peer;

/**
 * Answers the requests of one topic ({@link Tcpnet#request}). Every bean of this type is
 * registered; handlers run on tcpnet's request threads, never on a network thread. An exception
 * thrown by {@link #handle} fails the requester's future with a {@link RequestFailedException}
 * carrying its message.
 */
public interface RequestHandler {

	/**
	 * Returns the topic whose requests this handler answers.
	 * @return the topic
	 */
	String topic();

	/**
	 * Answers one request.
	 * @param from the peer that asked
	 * @param payload the request's payload
	 * @return the reply's payload
	 * @throws Exception to fail the request
	 */
	byte[] handle(Peer from, byte[] payload) throws Exception;

}
