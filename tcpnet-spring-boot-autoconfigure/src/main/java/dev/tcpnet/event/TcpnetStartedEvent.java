package dev.tcpnet.event;

import dev.tcpnet.peer.LocalNode;

import org.springframework.context.ApplicationEvent;

/**
 * Published once the acceptor is bound and before discovery starts: the node's bound port
 * and addresses are known (the node original's {@code listening} event). Published from
 * the thread that starts the application context.
 */
public class TcpnetStartedEvent extends ApplicationEvent {

	private final LocalNode localNode;

	public TcpnetStartedEvent(Object source, LocalNode localNode) {
		super(source);
		this.localNode = localNode;
	}

	/**
	 * Returns this node, with its bound port and addresses.
	 * @return the local node
	 */
	public LocalNode getLocalNode() {
		return this.localNode;
	}

	/**
	 * Returns the port the acceptor is bound to.
	 * @return the bound port
	 */
	public int getPort() {
		return this.localNode.port();
	}

}
