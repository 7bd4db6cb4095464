package dev.tcpnet.mesh;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.tcpnet.NoSuchPeerException;
import dev.tcpnet.Tcpnet;
import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.discovery.SightingListener;
import dev.tcpnet.event.PeerDisconnectedEvent.Reason;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.ConnectionListener;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.SelfConnectionException;
import dev.tcpnet.transport.Transport;
import dev.tcpnet.transport.TransportListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The mesh: dials what discovery sights, keeps exactly one connection per peer, records
 * peer transitions in the registry, and sends messages.
 *
 * <p>
 * Mesh state changes under this object's lock; they are quick and never run application code
 * (events are published by the registry on its own thread). Reads for sending do not lock.
 */
public class Mesh implements Tcpnet, SightingListener {

	private static final Logger logger = LoggerFactory.getLogger(Mesh.class);

	private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(2);

	private final Transport transport;

	private final DefaultPeerRegistry registry;

	private final NodeId self;

	private final String cluster;

	private final long incarnation;

	private final Duration replacementTimeout;

	private final int maxPeers;

	private final ConnectionRank rank;

	private final Map<NodeId, Session> sessions = new ConcurrentHashMap<>();

	private final Set<NodeId> dialingNodes = new HashSet<>();

	private final Set<InetSocketAddress> dialingAddresses = new HashSet<>();

	private final Map<InetSocketAddress, NodeId> dialedAddresses = new HashMap<>();

	private final Set<InetSocketAddress> selfAddresses = new HashSet<>();

	// Why this node closes, or will see close, a connection; unmarked closes are losses.
	private final Map<Connection, CloseReason> closing = new IdentityHashMap<>();

	private final ScheduledExecutorService timer;

	private volatile @Nullable LocalNode localNode;

	private volatile boolean running;

	/**
	 * Creates a mesh.
	 * @param transport the transport to accept and dial with
	 * @param registry where peer transitions are recorded
	 * @param self this node's id
	 * @param cluster this node's cluster
	 * @param incarnation this node's incarnation
	 * @param replacementTimeout how long to wait for the connection a peer keeps after it
	 * dropped ours as a duplicate, before reporting the peer lost
	 * @param maxPeers the most peers to connect to; further nodes are refused
	 */
	public Mesh(Transport transport, DefaultPeerRegistry registry, NodeId self, String cluster, long incarnation,
			Duration replacementTimeout, int maxPeers) {
		this.transport = transport;
		this.registry = registry;
		this.self = self;
		this.cluster = cluster;
		this.incarnation = incarnation;
		this.replacementTimeout = replacementTimeout;
		this.maxPeers = maxPeers;
		this.rank = new ConnectionRank(self);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("tcpnet-mesh-timer");
		threads.setDaemon(true);
		this.timer = Executors.newSingleThreadScheduledExecutor(threads);
	}

	/**
	 * Binds the transport and starts accepting peers.
	 * @param address the address to bind
	 * @return this node, with its bound port and addresses
	 */
	public LocalNode start(InetSocketAddress address) {
		InetSocketAddress bound = this.transport.bind(address, new Connections());
		LocalNode node = new LocalNode(this.self, this.cluster, this.incarnation, bound.getPort(),
				LocalAddresses.of(bound.getAddress()));
		synchronized (this) {
			node.addresses().forEach((a) -> this.selfAddresses.add(new InetSocketAddress(a, bound.getPort())));
			this.localNode = node;
			this.running = true;
		}
		return node;
	}

	/**
	 * Leaves the mesh: stops accepting, says goodbye to every peer and records them as
	 * {@link Reason#SHUTDOWN}. Waits briefly for the goodbyes to be written.
	 */
	public void leave() {
		List<Session> leaving;
		synchronized (this) {
			this.running = false;
			leaving = new ArrayList<>(this.sessions.values());
			this.sessions.clear();
			leaving.stream().map(Session::connection).filter(Objects::nonNull)
				.forEach((connection) -> this.closing.put(connection, CloseReason.SHUTDOWN));
			leaving.forEach((session) -> this.registry.disconnected(session.peer(), Reason.SHUTDOWN));
		}
		this.transport.stopAccepting();
		List<CompletableFuture<Void>> goodbyes = new ArrayList<>();
		for (Session session : leaving) {
			Connection connection = session.connection();
			session.failPending(new IllegalStateException("tcpnet is stopping"));
			if (connection != null) {
				goodbyes.add(connection.goodbye());
			}
		}
		awaitQuietly(CompletableFuture.allOf(goodbyes.toArray(CompletableFuture[]::new)), GOODBYE_TIMEOUT);
		this.timer.shutdownNow();
	}

	// Tcpnet

	@Override
	public LocalNode localNode() {
		LocalNode node = this.localNode;
		if (node == null) {
			throw new IllegalStateException("tcpnet has not started");
		}
		return node;
	}

	@Override
	public List<Peer> peers() {
		return this.registry.peers();
	}

	@Override
	public Optional<Peer> peer(NodeId nodeId) {
		return this.registry.peer(nodeId);
	}

	@Override
	public CompletableFuture<Void> send(NodeId nodeId, String topic, byte[] payload) {
		checkTopic(topic);
		Session session = this.sessions.get(nodeId);
		if (session == null) {
			throw new NoSuchPeerException(nodeId);
		}
		return send(session, topic, payload);
	}

	@Override
	public int broadcast(String topic, byte[] payload) {
		checkTopic(topic);
		int count = 0;
		for (Session session : this.sessions.values()) {
			send(session, topic, payload);
			count++;
		}
		return count;
	}

	private CompletableFuture<Void> send(Session session, String topic, byte[] payload) {
		Connection connection = session.connection();
		CompletableFuture<Void> written;
		if (connection != null) {
			written = connection.send(topic, payload);
		}
		else {
			synchronized (this) {
				connection = session.connection();
				written = (connection != null) ? connection.send(topic, payload) : session.enqueue(topic, payload);
			}
		}
		NodeId nodeId = session.peer().nodeId();
		written.thenRun(() -> this.registry.messageSent(nodeId, payload.length));
		return written;
	}

	private static void checkTopic(String topic) {
		int length = topic.getBytes(StandardCharsets.UTF_8).length;
		if (length == 0 || length > MAX_TOPIC_BYTES) {
			throw new IllegalArgumentException(
					"Topic must be 1 to " + MAX_TOPIC_BYTES + " bytes of UTF-8 but was " + length + " bytes");
		}
	}

	// SightingListener

	@Override
	public void sighted(Sighting sighting) {
		this.registry.sighted(sighting.mechanism());
		NodeId nodeId = sighting.nodeId();
		List<InetSocketAddress> candidates;
		synchronized (this) {
			if (!this.running || (nodeId != null && isKnown(nodeId))) {
				return;
			}
			candidates = sighting.addresses().stream().filter(this::isWorthDialing).toList();
			if (candidates.isEmpty()) {
				return;
			}
			if (nodeId != null) {
				this.dialingNodes.add(nodeId);
			}
			this.dialingAddresses.addAll(candidates);
		}
		logger.debug("Dialing {} at {} (seen by {})", (nodeId != null) ? nodeId : "unknown node", candidates,
				sighting.mechanism());
		dial(nodeId, candidates, 0);
	}

	private boolean isKnown(NodeId nodeId) {
		return nodeId.equals(this.self) || this.sessions.containsKey(nodeId) || this.dialingNodes.contains(nodeId);
	}

	private boolean isWorthDialing(InetSocketAddress address) {
		if (this.selfAddresses.contains(address) || this.dialingAddresses.contains(address)) {
			return false;
		}
		NodeId dialed = this.dialedAddresses.get(address);
		if (dialed != null && this.sessions.containsKey(dialed)) {
			return false;
		}
		return this.sessions.values().stream().noneMatch((s) -> s.peer().listenAddress().equals(address));
	}

	private void dial(@Nullable NodeId nodeId, List<InetSocketAddress> candidates, int index) {
		InetSocketAddress address = candidates.get(index);
		this.transport.dial(address).whenComplete((connection, failure) -> {
			boolean next = failure != null && !(failure instanceof SelfConnectionException)
					&& index + 1 < candidates.size();
			synchronized (this) {
				if (failure instanceof SelfConnectionException) {
					this.selfAddresses.add(address);
				}
				else if (connection != null) {
					this.dialedAddresses.put(address, connection.remote().nodeId());
				}
				if (!next) {
					this.dialingAddresses.removeAll(candidates);
					if (nodeId != null) {
						this.dialingNodes.remove(nodeId);
					}
				}
			}
			if (failure != null && !(failure instanceof SelfConnectionException)) {
				logger.debug("Could not dial {}: {}", address, failure.toString());
			}
			if (next) {
				dial(nodeId, candidates, index + 1);
			}
		});
	}

	// Connections: called on network threads

	private synchronized void connected(Connection connection, ConnectionListener listener) {
		connection.listen(listener);
		if (!this.running) {
			closeFor(connection, CloseReason.SHUTDOWN);
			return;
		}
		NodeId nodeId = connection.remote().nodeId();
		Session session = this.sessions.get(nodeId);
		if (session != null && connection.remote().incarnation() > session.incarnation()
				&& session.connection() != null) {
			logger.info("Peer {} restarted; dropping its former connection", nodeId);
			lose(session);
			session = null;
		}
		if (session == null && this.sessions.size() >= this.maxPeers) {
			refuseOverLimit(connection);
		}
		else if (session == null) {
			open(connection);
		}
		else {
			chooseBetween(session, connection);
		}
	}

	private void refuseOverLimit(Connection connection) {
		logger.warn("Refusing peer {} at {}: already {} peers (tcpnet.max-peers)", connection.remote().nodeId(),
				connection.remoteAddress(), this.maxPeers);
		this.registry.handshakeRejected("limit");
		closeFor(connection, CloseReason.REJECTED);
	}

	private void open(Connection connection) {
		Peer peer = peerOf(connection, Instant.now());
		this.sessions.put(peer.nodeId(), new Session(peer, connection));
		this.registry.connected(peer);
		logger.info("Peer {} connected ({}, {})", peer.nodeId(), peer.direction(), peer.remoteAddress());
	}

	private void chooseBetween(Session session, Connection connection) {
		Connection current = session.connection();
		if (current != null && this.rank.preferred(current, connection) == current) {
			logger.debug("Peer {}: keeping {}, dropping duplicate {}", connection.remote().nodeId(), current,
					connection);
			dropDuplicate(connection);
			return;
		}
		logger.debug("Peer {}: switching from {} to {}", connection.remote().nodeId(), current, connection);
		Peer peer = peerOf(connection, session.peer().connectedAt());
		session.switchTo(connection, peer);
		this.registry.updated(peer);
		if (current != null) {
			dropDuplicate(current);
		}
	}

	private void dropDuplicate(Connection connection) {
		this.closing.put(connection, CloseReason.DUPLICATE);
		connection.closeAsDuplicate();
	}

	private void closeFor(Connection connection, CloseReason reason) {
		this.closing.put(connection, reason);
		connection.close();
	}

	private void lose(Session session) {
		this.sessions.remove(session.peer().nodeId());
		session.failPending(new IllegalStateException("Peer " + session.peer().nodeId() + " was lost"));
		Connection connection = session.connection();
		if (connection != null) {
			connection.close();
		}
		this.registry.disconnected(session.peer(), Reason.LOST);
		logger.info("Peer {} lost", session.peer().nodeId());
	}

	private static Peer peerOf(Connection connection, Instant connectedAt) {
		return new Peer(connection.remote().nodeId(), connection.remote().cluster(), connection.remoteAddress(),
				connection.remote().listenPort(), connection.direction(), connectedAt);
	}

	private void message(Connection connection, String topic, byte[] payload) {
		// Messages that were in flight on a connection dropped as a duplicate still count.
		Session session = this.sessions.get(connection.remote().nodeId());
		if (session != null) {
			this.registry.messageReceived(session.peer(), topic, payload);
		}
	}

	private synchronized void goodbye(Connection connection) {
		this.closing.put(connection, CloseReason.LEFT);
		Session session = this.sessions.get(connection.remote().nodeId());
		if (session != null && session.isCarriedBy(connection)) {
			this.sessions.remove(session.peer().nodeId());
			session.failPending(new IllegalStateException("Peer " + session.peer().nodeId() + " left"));
			this.registry.disconnected(session.peer(), Reason.LEFT);
			logger.info("Peer {} left", session.peer().nodeId());
		}
	}

	private synchronized void duplicate(Connection connection) {
		this.closing.put(connection, CloseReason.DUPLICATE);
		Session session = this.sessions.get(connection.remote().nodeId());
		if (session != null && session.isCarriedBy(connection)) {
			// The remote keeps another connection that has not completed here yet.
			session.awaitReplacement();
			this.timer.schedule(() -> replacementDue(session), this.replacementTimeout.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	private synchronized void replacementDue(Session session) {
		if (this.sessions.get(session.peer().nodeId()) == session && session.connection() == null) {
			lose(session);
		}
	}

	private synchronized void closed(Connection connection) {
		CloseReason reason = this.closing.remove(connection);
		this.registry.connectionClosed((reason != null) ? reason : CloseReason.LOST);
		Session session = this.sessions.get(connection.remote().nodeId());
		if (session != null && session.isCarriedBy(connection)) {
			lose(session);
		}
	}

	/**
	 * What the transport and the connections report, handed to the mesh.
	 */
	private final class Connections implements TransportListener, ConnectionListener {

		@Override
		public void opened(SocketAddress remote, Direction direction) {
			Mesh.this.registry.connectionOpened(direction);
		}

		@Override
		public void rejected(SocketAddress remote, RejectReason reason) {
			Mesh.this.registry.handshakeRejected(reason.name().toLowerCase(Locale.ROOT));
		}

		@Override
		public void closedBeforeHandshake(SocketAddress remote) {
			Mesh.this.registry.connectionClosed(CloseReason.REJECTED);
		}

		@Override
		public void connected(Connection connection) {
			Mesh.this.connected(connection, this);
		}

		@Override
		public void message(Connection connection, String topic, byte[] payload) {
			Mesh.this.message(connection, topic, payload);
		}

		@Override
		public void goodbye(Connection connection) {
			Mesh.this.goodbye(connection);
		}

		@Override
		public void duplicate(Connection connection) {
			Mesh.this.duplicate(connection);
		}

		@Override
		public void closed(Connection connection) {
			Mesh.this.closed(connection);
		}

	}

	private static void awaitQuietly(CompletableFuture<?> future, Duration timeout) {
		try {
			future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.debug("Not every goodbye was written: {}", ex.toString());
		}
	}

}
