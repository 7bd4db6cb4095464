package dev.tcpnet.fault;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.peer.Peer;

import org.springframework.stereotype.Component;

/**
 * Answers requests on topic {@value #TOPIC} with their own payload, on tcpnet's request
 * threads (it does not claim to be non-blocking).
 */
@Component
class EchoHandler implements RequestHandler {

	static final String TOPIC = "echo";

	@Override
	public String topic() {
		return TOPIC;
	}

	@Override
	public byte[] handle(Peer from, byte[] payload) {
		return payload;
	}

}
