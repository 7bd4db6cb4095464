/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

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
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.tcpnet.MessageDroppedException;
import dev.tcpnet.NoSuchPeerException;
import dev.tcpnet.RequestHandler;
import dev.tcpnet.Tcpnet;
import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.discovery.SightingListener;
import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent.Reason;
import dev.tcpnet.mesh.Session.State;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.ConnectionListener;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.PeerAddress;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.SelfConnectionException;
import dev.tcpnet.transport.TcpnetProtocol;
import dev.tcpnet.transport.Transport;
import dev.tcpnet.transport.TransportListener;

/**
 * The mesh: dials what discovery sights, keeps exactly one connection per peer, redials
 * lost peers with back-off, delivers every message exactly once and in order across
 * reconnects, answers requests, and records peer transitions in the registry.
 *
 * <p>
 * Lifecycle changes happen under this object's lock; they are quick and never run
 * application code (events are published by the registry on its own thread, request
 * handlers run on their own threads). Sending and receiving take only the peer's session
 * lock, and, while the listeners lag, the lock of the paused connections.
 *
 * @since 0.1.0
 */
public class Mesh implements Tcpnet, SightingListener {

	/** The mechanism of the sightings peers tell each other about. */
	public static final String EXCHANGE = "exchange";

	private static final Logger logger = LoggerFactory.getLogger(Mesh.class);

	private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * Acknowledge at once when this many envelopes wait for it, not only on the timer.
	 */
	private static final long ACK_BATCH = 64;

	/** The shortest gap between two acknowledgements of reads to one peer. */
	static final long ACK_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	/**
	 * Stop reading from peers while this many events wait for the application's
	 * listeners; resume when they are down to a quarter. Keeps memory bounded when
	 * listeners are slower than the network: TCP flow control slows the senders instead.
	 */
	static final int EVENTS_HIGH_WATER = 10_000;

	/**
	 * The connections paused by {@link #pauseIfListenersLag}. Pausing and resuming take
	 * its lock, else a resume could run between a pause's check and the pause itself, and
	 * be missed.
	 */
	private final Set<Connection> paused = new HashSet<>();

	private final Transport transport;

	private final DefaultPeerRegistry registry;

	private final NodeId self;

	private final String cluster;

	private final long incarnation;

	private final MeshSettings settings;

	private final ConnectionRank rank;

	private final Map<NodeId, Session> sessions = new ConcurrentHashMap<>();

	private final Set<InetSocketAddress> dialingAddresses = new HashSet<>();

	private final Map<InetSocketAddress, NodeId> dialedAddresses = new HashMap<>();

	private final Set<InetSocketAddress> selfAddresses = new HashSet<>();

	// Why this node closes, or will see close, a connection; unmarked closes are losses.
	private final Map<Connection, CloseReason> closing = new IdentityHashMap<>();

	private final SplittableRandom random = new SplittableRandom();

	private final ScheduledExecutorService timer;

	private final Requests requests;

	private volatile @Nullable LocalNode localNode;

	private volatile boolean running;

	/**
	 * Creates a mesh.
	 * @param transport the transport to accept and dial with
	 * @param registry where peer transitions are recorded
	 * @param self this node's id
	 * @param cluster this node's cluster
	 * @param incarnation this node's incarnation
	 * @param settings how peers and messages are kept
	 * @param handlers the request handlers of this node
	 */
	public Mesh(Transport transport, DefaultPeerRegistry registry, NodeId self, String cluster, long incarnation,
			MeshSettings settings, List<RequestHandler> handlers) {
		this.transport = transport;
		this.registry = registry;
		this.self = self;
		this.cluster = cluster;
		this.incarnation = incarnation;
		this.settings = settings;
		this.rank = new ConnectionRank(self);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("tcpnet-mesh-timer");
		threads.setDaemon(true);
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads);
		// Request timeouts are cancelled when the reply comes: drop them from the queue
		// then.
		timer.setRemoveOnCancelPolicy(true);
		this.timer = timer;
		this.requests = new Requests(handlers, this.timer);
		registry.onDrained(EVENTS_HIGH_WATER / 4, this::resumeReading);
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
		long every = this.settings.ackInterval().toMillis();
		this.timer.scheduleWithFixedDelay(this::maintain, every, every, TimeUnit.MILLISECONDS);
		return node;
	}

	/**
	 * Leaves the mesh: stops accepting, says goodbye to every peer and records them as
	 * {@link Reason#SHUTDOWN}; messages not acknowledged yet are dropped. Waits briefly
	 * for the goodbyes to be written.
	 */
	public void leave() {
		List<Session> leaving;
		synchronized (this) {
			this.running = false;
			leaving = new ArrayList<>(this.sessions.values());
			this.sessions.clear();
			leaving.forEach(this::cancelRedial);
			leaving.stream()
				.filter((session) -> session.state == State.CONNECTED)
				.forEach((session) -> this.registry.disconnected(session.peer, Reason.SHUTDOWN));
			leaving.stream()
				.map(Session::connection)
				.filter((connection) -> connection != null)
				.forEach((connection) -> this.closing.put(connection, CloseReason.SHUTDOWN));
		}
		this.transport.stopAccepting();
		List<CompletableFuture<Void>> goodbyes = new ArrayList<>();
		for (Session session : leaving) {
			Connection connection = session.connection();
			if (connection != null) {
				goodbyes.add(connection.goodbye());
			}
			dropAll(session, MessageDroppedEvent.Reason.SHUTDOWN);
		}
		awaitQuietly(CompletableFuture.allOf(goodbyes.toArray(CompletableFuture[]::new)), GOODBYE_TIMEOUT);
		this.requests.close();
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
		return enqueue(knownSession(nodeId), Envelope.Kind.MESSAGE, 0, topic, payload);
	}

	@Override
	public int broadcast(String topic, byte[] payload) {
		checkTopic(topic);
		int count = 0;
		for (Session session : this.sessions.values()) {
			if (session.state == State.CONNECTED) {
				enqueue(session, Envelope.Kind.MESSAGE, 0, topic, payload);
				count++;
			}
		}
		return count;
	}

	@Override
	public CompletableFuture<byte[]> request(NodeId nodeId, String topic, byte[] payload, Duration timeout) {
		checkTopic(topic);
		Session session = knownSession(nodeId);
		CompletableFuture<byte[]> reply = new CompletableFuture<>();
		long id = this.requests.await(reply, nodeId, topic, timeout);
		enqueue(session, Envelope.Kind.REQUEST, id, topic, payload).whenComplete((ok, failure) -> {
			if (failure != null) {
				reply.completeExceptionally(failure);
			}
		});
		return reply;
	}

	private Session knownSession(NodeId nodeId) {
		Session session = this.sessions.get(nodeId);
		if (session == null) {
			throw new NoSuchPeerException(nodeId);
		}
		return session;
	}

	private CompletableFuture<Void> enqueue(Session session, Envelope.Kind kind, long correlationId, String topic,
			byte[] payload) {
		Outgoing outgoing = session.enqueue(kind, correlationId, topic, payload, this.settings.bufferMax(),
				this.settings.bufferMaxBytes());
		if (outgoing != null) {
			return outgoing.acknowledged();
		}
		MessageDroppedEvent.Reason reason = session.refusal();
		this.registry.messageDropped(session.nodeId, topic, reason);
		return CompletableFuture.failedFuture(new MessageDroppedException(session.nodeId, reason));
	}

	private static void checkTopic(String topic) {
		if (!topic.isEmpty() && topic.length() <= MAX_TOPIC_BYTES / 3) {
			// At most 3 bytes of UTF-8 per char: short enough without encoding it.
			return;
		}
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
		synchronized (this) {
			if (!this.running || this.self.equals(nodeId)) {
				return;
			}
			if (nodeId != null) {
				sightedNode(nodeId, sighting.addresses());
				return;
			}
			List<InetSocketAddress> candidates = sighting.addresses().stream().filter(this::isWorthDialing).toList();
			if (!candidates.isEmpty()) {
				this.dialingAddresses.addAll(candidates);
				logger.debug("Dialing {} (seen by {})", candidates, sighting.mechanism());
				dial(null, candidates, 0);
			}
		}
	}

	// A sighting of a node not connected starts a pending session, so that messages sent
	// to it
	// are buffered; a sighting of a lost peer redials it at once instead of after the
	// back-off.
	private void sightedNode(NodeId nodeId, List<InetSocketAddress> addresses) {
		Session session = this.sessions.get(nodeId);
		if (session == null) {
			session = new Session(nodeId, State.PENDING, addresses);
			this.sessions.put(nodeId, session);
		}
		else if (session.state == State.PENDING || session.state == State.RECONNECTING) {
			session.addresses = addresses;
		}
		else {
			return;
		}
		if (!session.dialing) {
			dialNow(session);
		}
	}

	private boolean isWorthDialing(InetSocketAddress address) {
		if (this.selfAddresses.contains(address) || this.dialingAddresses.contains(address)) {
			return false;
		}
		NodeId dialed = this.dialedAddresses.get(address);
		if (dialed != null && this.sessions.containsKey(dialed)) {
			return false;
		}
		return this.sessions.values()
			.stream()
			.noneMatch((s) -> s.state == State.CONNECTED && s.peer != null && s.peer.listenAddress().equals(address));
	}

	private void dialNow(Session session) {
		cancelRedial(session);
		session.dialing = true;
		logger.debug("Dialing peer {} at {}", session.nodeId, session.addresses);
		dial(session, session.addresses, 0);
	}

	private void dial(@Nullable Session session, List<InetSocketAddress> candidates, int index) {
		InetSocketAddress address = candidates.get(index);
		this.transport.dial(address).whenComplete((connection, failure) -> {
			boolean self = failure instanceof SelfConnectionException;
			boolean next = failure != null && !self && index + 1 < candidates.size();
			synchronized (this) {
				if (self) {
					this.selfAddresses.add(address);
				}
				else if (connection != null) {
					this.dialedAddresses.put(address, connection.remote().nodeId());
				}
				if (!next) {
					dialEnded(session, candidates, failure);
				}
			}
			if (failure != null && !self) {
				logger.debug("Could not dial {}: {}", address, failure.toString());
			}
			if (next) {
				dial(session, candidates, index + 1);
			}
		});
	}

	private void dialEnded(@Nullable Session session, List<InetSocketAddress> candidates, @Nullable Throwable failure) {
		this.dialingAddresses.removeAll(candidates);
		if (session != null) {
			session.dialing = false;
			if (failure != null) {
				scheduleRedial(session);
			}
		}
	}

	// Reconnecting

	private void scheduleRedial(Session session) {
		if (!this.running || this.sessions.get(session.nodeId) != session
				|| (session.state != State.PENDING && session.state != State.RECONNECTING)) {
			return;
		}
		if (System.nanoTime() - session.unreachableSinceNanos >= this.settings.giveUpAfter().toNanos()) {
			giveUp(session);
			return;
		}
		session.attempt++;
		Duration delay = this.settings.backoff().delay(session.attempt, this.random);
		session.redial = this.timer.schedule(() -> redialDue(session), delay.toNanos(), TimeUnit.NANOSECONDS);
		Peer peer = session.peer;
		if (peer != null) {
			this.registry.reconnecting(peer, session.attempt, delay);
		}
	}

	private synchronized void redialDue(Session session) {
		if (this.running && this.sessions.get(session.nodeId) == session && !session.dialing
				&& (session.state == State.PENDING || session.state == State.RECONNECTING)) {
			dialNow(session);
		}
	}

	private void cancelRedial(Session session) {
		if (session.redial != null) {
			session.redial.cancel(false);
			session.redial = null;
		}
	}

	private void giveUp(Session session) {
		this.sessions.remove(session.nodeId);
		cancelRedial(session);
		Peer peer = session.peer;
		logger.info("Giving up on peer {}: unreachable for {}", session.nodeId, this.settings.giveUpAfter());
		if (peer != null) {
			this.registry.gaveUp(peer);
		}
		dropAll(session, MessageDroppedEvent.Reason.GAVE_UP);
	}

	private void lost(Session session) {
		Peer peer = session.peer;
		session.detach();
		session.state = State.RECONNECTING;
		session.unreachableSinceNanos = System.nanoTime();
		session.attempt = 0;
		if (peer != null) {
			session.addresses = List.of(peer.listenAddress());
			this.registry.disconnected(peer, Reason.LOST);
		}
		logger.info("Peer {} lost; reconnecting", session.nodeId);
		scheduleRedial(session);
	}

	// Connections: called on network threads

	private synchronized void connected(Connection connection, ConnectionListener listener) {
		connection.listen(listener);
		if (!this.running) {
			closeFor(connection, CloseReason.SHUTDOWN);
			return;
		}
		Session session = this.sessions.get(connection.remote().nodeId());
		if (session != null && session.state == State.CONNECTED
				&& connection.remote().incarnation() > session.incarnation()) {
			restarted(session);
		}
		if (session == null || session.state == State.PENDING) {
			if (connectedCount() >= this.settings.maxPeers()) {
				refuseOverLimit(connection);
				return;
			}
			open((session != null) ? session : newSession(connection), connection, false);
		}
		else if (session.state == State.RECONNECTING) {
			open(session, connection, true);
		}
		else {
			chooseBetween(session, connection);
		}
	}

	private Session newSession(Connection connection) {
		Session session = new Session(connection.remote().nodeId(), State.PENDING, List.of());
		this.sessions.put(session.nodeId, session);
		return session;
	}

	// The peer restarted with the same node id: its former incarnation is lost. Envelopes
	// it
	// had not acknowledged go to the new incarnation.
	private void restarted(Session session) {
		logger.info("Peer {} restarted; dropping its former connection", session.nodeId);
		Connection former = session.connection();
		if (former != null) {
			closeFor(former, CloseReason.LOST);
		}
		session.detach();
		session.state = State.RECONNECTING;
		this.registry.disconnected(session.peer, Reason.LOST);
	}

	private void open(Session session, Connection connection, boolean reconnect) {
		cancelRedial(session);
		Peer peer = peerOf(connection, Instant.now());
		session.peer = peer;
		session.state = State.CONNECTED;
		session.attempt = 0;
		session.attach(connection);
		connection.tellPeers(otherPeers(session));
		this.registry.connected(peer, reconnect);
		logger.info("Peer {} {} ({}, {})", peer.nodeId(), reconnect ? "reconnected" : "connected", peer.direction(),
				peer.remoteAddress());
	}

	// Peer exchange: a node that found one member reaches the others through it.
	private List<PeerAddress> otherPeers(Session except) {
		return this.sessions.values()
			.stream()
			.filter((s) -> s != except && s.state == State.CONNECTED && s.peer != null)
			.limit(TcpnetProtocol.MAX_EXCHANGED_PEERS)
			.map((s) -> new PeerAddress(s.nodeId, s.peer.listenAddress()))
			.toList();
	}

	// What a peer tells is a hint from a node that may be hostile: each unknown node is
	// dialed
	// once, no state is kept for it, known peers' addresses are never replaced, and never
	// more
	// dials than there is room for peers.
	private synchronized void peersTold(List<PeerAddress> peers) {
		for (PeerAddress peer : peers) {
			this.registry.sighted(EXCHANGE);
			InetSocketAddress address = peer.address();
			if (!this.running || this.self.equals(peer.nodeId()) || this.sessions.containsKey(peer.nodeId())
					|| !isWorthDialing(address)
					|| connectedCount() + this.dialingAddresses.size() >= this.settings.maxPeers()) {
				continue;
			}
			this.dialingAddresses.add(address);
			logger.debug("Dialing {} at {} (told by a peer)", peer.nodeId(), address);
			dial(null, List.of(address), 0);
		}
	}

	private int connectedCount() {
		return (int) this.sessions.values().stream().filter((s) -> s.state != State.PENDING).count();
	}

	private void refuseOverLimit(Connection connection) {
		logger.warn("Refusing peer {} at {}: already {} peers (tcpnet.max-peers)", connection.remote().nodeId(),
				connection.remoteAddress(), this.settings.maxPeers());
		this.registry.handshakeRejected("limit");
		closeFor(connection, CloseReason.REJECTED);
	}

	private void chooseBetween(Session session, Connection connection) {
		Connection current = session.connection();
		if (current != null && this.rank.preferred(current, connection) == current) {
			logger.debug("Peer {}: keeping {}, dropping duplicate {}", session.nodeId, current, connection);
			dropDuplicate(connection);
			return;
		}
		logger.debug("Peer {}: switching from {} to {}", session.nodeId, current, connection);
		Peer peer = peerOf(connection, session.peer.connectedAt());
		session.peer = peer;
		session.state = State.CONNECTED;
		session.attach(connection);
		// No new event: the connected event stays as published for the first connection
		// (see
		// PeerConnectedEvent); the registry and the endpoint show the connection kept.
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

	private static Peer peerOf(Connection connection, Instant connectedAt) {
		return new Peer(connection.remote().nodeId(), connection.remote().cluster(), connection.remoteAddress(),
				connection.remote().listenPort(), connection.direction(), connectedAt);
	}

	private void received(Connection connection, Envelope envelope) {
		Session session = this.sessions.get(connection.remote().nodeId());
		if (session == null) {
			return;
		}
		boolean fresh = session.receive(envelope, connection.remote().incarnation(), ACK_BATCH);
		Peer peer = session.peer;
		if (!fresh || peer == null) {
			return;
		}
		switch (envelope.kind()) {
			case MESSAGE -> {
				// Held by the session until the read completes.
			}
			case REQUEST -> this.requests.answer(peer, envelope,
					(kind, reply) -> enqueue(session, kind, envelope.correlationId(), envelope.topic(), reply));
			case REPLY, REPLY_ERROR -> this.requests.replied(session.nodeId, envelope);
		}
	}

	/**
	 * Hands the messages of one read to the listeners, acknowledges them, and slows the
	 * peer down if the listeners lag.
	 * @param connection the connection whose read completed
	 */
	private void readComplete(Connection connection) {
		Session session = this.sessions.get(connection.remote().nodeId());
		if (session == null) {
			return;
		}
		Peer peer = session.peer;
		boolean handedOver = false;
		// Under the session's lock: two connections' reads hand over in the order they
		// took.
		synchronized (session) {
			List<Envelope> messages = session.takeHeld();
			if (!messages.isEmpty() && peer != null) {
				this.registry.messagesReceived(peer, messages);
				handedOver = true;
			}
		}
		if (handedOver) {
			acknowledgeSoon(session);
			pauseIfListenersLag(connection);
		}
	}

	/**
	 * Acknowledges the messages of a read at once, or at most {@link #ACK_GAP_NANOS}
	 * later when the previous acknowledgement is more recent than that: a lone message's
	 * sender hears back within a round trip, and a busy link sends a few acknowledgements
	 * a millisecond, not one per read. Requests and replies complete by their replies:
	 * theirs wait for a batch or {@code tcpnet.delivery.ack-interval}.
	 * @param session the session whose messages were delivered
	 */
	private void acknowledgeSoon(Session session) {
		if (session.acknowledgeOrDefer(ACK_GAP_NANOS)) {
			try {
				this.timer.schedule(session::acknowledgeDeferred, ACK_GAP_NANOS, TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				// Stopping: the peer is told goodbye, nothing is acknowledged any more.
			}
		}
	}

	private void pauseIfListenersLag(Connection connection) {
		if (this.registry.pendingEvents() < EVENTS_HIGH_WATER) {
			return;
		}
		synchronized (this.paused) {
			// Checked again under the lock: the listeners may have caught up since.
			if (this.registry.pendingEvents() >= EVENTS_HIGH_WATER && this.paused.add(connection)) {
				logger.debug("Listeners lag {} events behind: pausing reads from {}", EVENTS_HIGH_WATER, connection);
				connection.pauseReading(true);
			}
		}
	}

	private void resumeReading() {
		synchronized (this.paused) {
			for (Connection connection : this.paused) {
				connection.pauseReading(false);
			}
			this.paused.clear();
		}
	}

	private void acknowledged(Connection connection, long seq) {
		Session session = this.sessions.get(connection.remote().nodeId());
		if (session == null) {
			return;
		}
		List<Outgoing> acknowledged = session.acknowledged(seq);
		long bytes = 0;
		for (Outgoing outgoing : acknowledged) {
			bytes += outgoing.size();
		}
		this.registry.messagesSent(session.nodeId, acknowledged.size(), bytes);
		for (Outgoing outgoing : acknowledged) {
			outgoing.acknowledged().complete(null);
		}
	}

	private synchronized void goodbye(Connection connection) {
		this.closing.put(connection, CloseReason.LEFT);
		Session session = this.sessions.get(connection.remote().nodeId());
		if (session != null && session.isCarriedBy(connection)) {
			this.sessions.remove(session.nodeId);
			session.detach();
			this.registry.disconnected(session.peer, Reason.LEFT);
			logger.info("Peer {} left", session.nodeId);
			dropAll(session, MessageDroppedEvent.Reason.LEFT);
		}
	}

	private synchronized void duplicate(Connection connection) {
		this.closing.put(connection, CloseReason.DUPLICATE);
		Session session = this.sessions.get(connection.remote().nodeId());
		if (session != null && session.isCarriedBy(connection)) {
			// The remote keeps another connection that has not completed here yet.
			session.detach();
			session.state = State.AWAITING_REPLACEMENT;
			this.timer.schedule(() -> replacementDue(session), this.settings.replacementTimeout().toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	private synchronized void replacementDue(Session session) {
		if (this.sessions.get(session.nodeId) == session && session.state == State.AWAITING_REPLACEMENT) {
			lost(session);
		}
	}

	private synchronized void closed(Connection connection) {
		synchronized (this.paused) {
			this.paused.remove(connection);
		}
		CloseReason reason = this.closing.remove(connection);
		this.registry.connectionClosed((reason != null) ? reason : CloseReason.LOST);
		Session session = this.sessions.get(connection.remote().nodeId());
		if (session != null && session.isCarriedBy(connection) && this.running) {
			lost(session);
		}
	}

	// Maintenance: acknowledgements that did not reach a batch, and messages waiting too
	// long.

	private void maintain() {
		long cutoff = System.nanoTime() - this.settings.bufferTimeout().toNanos();
		for (Session session : this.sessions.values()) {
			session.acknowledgeIfDue(1);
			for (Outgoing outgoing : session.expired(cutoff)) {
				drop(session, outgoing, MessageDroppedEvent.Reason.TIMEOUT);
			}
		}
	}

	private void dropAll(Session session, MessageDroppedEvent.Reason reason) {
		for (Outgoing outgoing : session.end(reason)) {
			drop(session, outgoing, reason);
		}
	}

	private void drop(Session session, Outgoing outgoing, MessageDroppedEvent.Reason reason) {
		this.registry.messageDropped(session.nodeId, outgoing.envelope().topic(), reason);
		outgoing.acknowledged().completeExceptionally(new MessageDroppedException(session.nodeId, reason));
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
		public void received(Connection connection, Envelope envelope) {
			Mesh.this.received(connection, envelope);
		}

		@Override
		public void readComplete(Connection connection) {
			Mesh.this.readComplete(connection);
		}

		@Override
		public void acknowledged(Connection connection, long seq) {
			Mesh.this.acknowledged(connection, seq);
		}

		@Override
		public void roundTrip(Connection connection, long nanos) {
			Mesh.this.registry.roundTrip(connection.remote().nodeId(), nanos);
		}

		@Override
		public void peersTold(Connection connection, List<PeerAddress> peers) {
			Mesh.this.peersTold(peers);
		}

		@Override
		public void goodbye(Connection connection) {
			Mesh.this.readComplete(connection);
			Mesh.this.goodbye(connection);
		}

		@Override
		public void duplicate(Connection connection) {
			Mesh.this.readComplete(connection);
			Mesh.this.duplicate(connection);
		}

		@Override
		public void closed(Connection connection) {
			Mesh.this.readComplete(connection);
			Mesh.this.closed(connection);
		}

	}

}
