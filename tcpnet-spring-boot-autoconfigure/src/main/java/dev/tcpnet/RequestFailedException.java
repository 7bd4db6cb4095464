package dev.tcpnet;

/**
 * The peer could not answer a request: no handler for its topic, or the handler failed.
 */
public class RequestFailedException extends RuntimeException {

	public RequestFailedException(String message) {
		super(message);
	}

}
