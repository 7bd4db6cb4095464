package dev.tcpnet;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;

/**
 * The application's handle on the mesh: who is connected, and sending to them.
 *
 * <p>
 * Messages received from peers reach the application as
 * {@link dev.tcpnet.event.PeerMessageEvent}s.
 */
public interface Tcpnet {

	/**
	 * Returns this node.
	 * @return the local node
	 * @throws IllegalStateException if the mesh has not started
	 */
	LocalNode localNode();

	/**
	 * Returns the connected peers (the node original's {@code service.connections}).
	 * @return a snapshot of the connected peers
	 */
	List<Peer> peers();

	/**
	 * Returns the connected peer with the given id.
	 * @param nodeId the peer's node id
	 * @return the peer, or empty if it is not connected
	 */
	Optional<Peer> peer(NodeId nodeId);

	/**
	 * Sends a message to one connected peer.
	 * @param nodeId the peer's node id
	 * @param topic the topic (at most {@value #MAX_TOPIC_BYTES} bytes of UTF-8)
	 * @param payload the payload
	 * @return a future that completes when the message has been written to the peer's socket,
	 * and fails if the connection closes first
	 * @throws NoSuchPeerException if no peer with that id is connected
	 */
	CompletableFuture<Void> send(NodeId nodeId, String topic, byte[] payload);

	/**
	 * Sends a text message, encoded as UTF-8, to one connected peer.
	 * @param nodeId the peer's node id
	 * @param topic the topic
	 * @param text the text
	 * @return a future that completes when the message has been written to the peer's socket
	 * @throws NoSuchPeerException if no peer with that id is connected
	 */
	default CompletableFuture<Void> send(NodeId nodeId, String topic, String text) {
		return send(nodeId, topic, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sends a message to every connected peer.
	 * @param topic the topic
	 * @param payload the payload
	 * @return how many peers it was written to
	 */
	int broadcast(String topic, byte[] payload);

	/**
	 * Sends a text message, encoded as UTF-8, to every connected peer.
	 * @param topic the topic
	 * @param text the text
	 * @return how many peers it was written to
	 */
	default int broadcast(String topic, String text) {
		return broadcast(topic, text.getBytes(StandardCharsets.UTF_8));
	}

	/** The longest topic, in bytes of UTF-8. */
	int MAX_TOPIC_BYTES = 1024;

}
