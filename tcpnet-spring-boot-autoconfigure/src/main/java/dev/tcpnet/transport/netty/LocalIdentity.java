package dev.tcpnet.transport.netty;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * What this node says about itself in every handshake. The listen port is set once bound.
 */
final class LocalIdentity {

	private final String cluster;

	private final NodeId nodeId;

	private final long incarnation;

	private volatile int listenPort;

	LocalIdentity(String cluster, NodeId nodeId, long incarnation) {
		this.cluster = cluster;
		this.nodeId = nodeId;
		this.incarnation = incarnation;
	}

	String cluster() {
		return this.cluster;
	}

	NodeId nodeId() {
		return this.nodeId;
	}

	long incarnation() {
		return this.incarnation;
	}

	void listenPort(int port) {
		this.listenPort = port;
	}

	Frame.Hello hello(long nonce, boolean requiresSecret, byte[] challenge) {
		return new Frame.Hello(this.cluster, this.nodeId, this.incarnation, this.listenPort, nonce,
				TcpnetProtocol.versionFlags() | (requiresSecret ? TcpnetProtocol.FLAG_SECRET : 0), challenge);
	}

}
