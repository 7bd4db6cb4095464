package dev.tcpnet.ipv6;

import java.io.IOException;
import java.util.function.Consumer;

import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.support.TestNode;

/**
 * A {@link TestNode} as a process of its own, for tests that run nodes where the test JVM
 * cannot be (another network namespace). It prints
 * {@code CONNECTED <peer id> <remote address>} for each peer it connects to, and stops
 * when its standard input ends: when the test closes it, or dies.
 */
public final class NodeProcess {

	private NodeProcess() {
	}

	/**
	 * Runs a node until standard input ends.
	 * @param args {@code key=value} properties for the node
	 * @throws IOException if standard input fails
	 */
	public static void main(String[] args) throws IOException {
		TestNode node = TestNode.start(args);
		Consumer<PeerConnectedEvent> print = (event) -> System.out
			.println("CONNECTED " + event.getPeer().nodeId() + " " + event.getPeer().remoteAddress());
		node.context().addApplicationListener((event) -> {
			if (event instanceof PeerConnectedEvent connected) {
				print.accept(connected);
			}
		});
		// Connections made before the listener was added; one made in between prints
		// twice
		node.events(PeerConnectedEvent.class).forEach(print);
		while (System.in.read() != -1) {
			// Nothing is sent: only the end matters
		}
		node.close();
		System.exit(0);
	}

}
