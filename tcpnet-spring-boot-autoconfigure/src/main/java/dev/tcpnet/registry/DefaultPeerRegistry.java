package dev.tcpnet.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The peer registry: holds the connected peers and publishes one event per transition, from
 * the single {@code tcpnet-events} thread, in the order the transitions were recorded.
 * Callers record a peer's transitions from one thread at a time; listener failures are logged
 * and do not stop later events.
 */
public class DefaultPeerRegistry implements PeerRegistry {

	private static final Logger logger = LoggerFactory.getLogger(DefaultPeerRegistry.class);

	private final Map<NodeId, Peer> peers = new ConcurrentHashMap<>();

	private final ApplicationEventPublisher publisher;

	private final ExecutorService events;

	public DefaultPeerRegistry(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("tcpnet-events");
		threads.setDaemon(true);
		this.events = Executors.newSingleThreadExecutor(threads);
	}

	@Override
	public List<Peer> peers() {
		return List.copyOf(this.peers.values());
	}

	@Override
	public Optional<Peer> peer(NodeId nodeId) {
		return Optional.ofNullable(this.peers.get(nodeId));
	}

	@Override
	public int size() {
		return this.peers.size();
	}

	/**
	 * Records that a peer became connected and publishes {@link PeerConnectedEvent}.
	 * @param peer the peer
	 */
	public void connected(Peer peer) {
		this.peers.put(peer.nodeId(), peer);
		publish(new PeerConnectedEvent(this, peer));
	}

	/**
	 * Replaces a connected peer's snapshot without an event: the mesh switched to another
	 * connection of the same pair.
	 * @param peer the new snapshot
	 */
	public void updated(Peer peer) {
		this.peers.replace(peer.nodeId(), peer);
	}

	/**
	 * Records that a peer is no longer connected and publishes {@link PeerDisconnectedEvent}.
	 * @param peer the peer
	 * @param reason why
	 */
	public void disconnected(Peer peer, PeerDisconnectedEvent.Reason reason) {
		this.peers.remove(peer.nodeId());
		publish(new PeerDisconnectedEvent(this, peer, reason));
	}

	/**
	 * Publishes {@link PeerMessageEvent} for a message from a connected peer.
	 * @param peer the sender
	 * @param topic the topic
	 * @param payload the payload
	 */
	public void messageReceived(Peer peer, String topic, byte[] payload) {
		publish(new PeerMessageEvent(this, peer, topic, payload));
	}

	/**
	 * Publishes every event recorded so far, then stops the event thread.
	 * @param timeout how long to wait for listeners
	 */
	public void close(Duration timeout) {
		this.events.shutdown();
		try {
			if (!this.events.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("tcpnet event listeners did not finish within {} ms", timeout.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void publish(ApplicationEvent event) {
		this.events.execute(() -> {
			try {
				this.publisher.publishEvent(event);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener failed on {}", event, ex);
			}
		});
	}

}
