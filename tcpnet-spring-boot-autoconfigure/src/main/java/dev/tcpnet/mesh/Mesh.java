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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.tcpnet.Broadcast;
import dev.tcpnet.NoSuchPeerException;
import dev.tcpnet.RequestHandler;
import dev.tcpnet.Tcpnet;
import dev.tcpnet.TopicStream;
import dev.tcpnet.convert.DefaultPayloadConverter;
import dev.tcpnet.convert.TcpnetPayloadConverter;
import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.discovery.SightingListener;
import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.message.Headers;
import dev.tcpnet.observation.TcpnetObservations;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.transport.Admission;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.ConnectionListener;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.PeerAddress;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.Transport;
import dev.tcpnet.transport.TransportListener;

/**
 * The mesh: a thin façade over its parts. The {@link Dialer} dials what discovery sights
 * and redials lost peers with back-off; {@link Membership} keeps exactly one connection
 * per peer and records every transition; {@link Delivery} delivers every message exactly
 * once and in order across reconnects; {@link Requests} answers and awaits requests.
 *
 * <p>
 * Lifecycle changes happen under the sessions' lock; they are quick and never run
 * application code (events are published by the registry on its own thread, request
 * handlers and the futures' stages run on executors). Sending and receiving take only the
 * peer's session lock.
 *
 * @since 0.1.0
 */
public class Mesh implements Tcpnet, SightingListener {

	/** The mechanism of the sightings peers tell each other about. */
	public static final String EXCHANGE = Dialer.EXCHANGE;

	private static final Logger logger = LoggerFactory.getLogger(Mesh.class);

	private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(2);

	private static final long DRAIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	/**
	 * Threads that run the request handlers that may block when the mesh makes its own
	 * executor.
	 */
	static final int REQUEST_THREADS = 4;

	private final Transport transport;

	private final DefaultPeerRegistry registry;

	private final NodeId self;

	private final String cluster;

	private final long incarnation;

	private final MeshSettings settings;

	private final Scheduler timer;

	private final Sessions sessions;

	private final Dialer dialer;

	private final Delivery delivery;

	private final Membership membership;

	private final Requests requests;

	/** Where the stages chained to the futures of sends and requests run. */
	private final Executor callbacks;

	private final @Nullable ExecutorService ownWorkers;

	private volatile @Nullable LocalNode localNode;

	private volatile TcpnetPayloadConverter converter = new DefaultPayloadConverter();

	private volatile @Nullable TcpnetObservations observations;

	/**
	 * Creates a mesh whose futures' stages run on the common pool.
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
		this(transport, registry, self, cluster, incarnation, settings, handlers, ForkJoinPool.commonPool());
	}

	/**
	 * Creates a mesh whose blocking request handlers run on four threads of its own.
	 * @param transport the transport to accept and dial with
	 * @param registry where peer transitions are recorded
	 * @param self this node's id
	 * @param cluster this node's cluster
	 * @param incarnation this node's incarnation
	 * @param settings how peers and messages are kept
	 * @param handlers the request handlers of this node
	 * @param callbacks where the stages chained to the futures of sends and requests run
	 */
	public Mesh(Transport transport, DefaultPeerRegistry registry, NodeId self, String cluster, long incarnation,
			MeshSettings settings, List<RequestHandler> handlers, Executor callbacks) {
		this(transport, registry, self, cluster, incarnation, settings, handlers, new ThreadScheduler(), callbacks,
				null, Requests.DEFAULT_MAX_IN_FLIGHT, new SplittableRandom());
	}

	/**
	 * Creates a mesh whose blocking request handlers run on the given executor.
	 * @param transport the transport to accept and dial with
	 * @param registry where peer transitions are recorded
	 * @param self this node's id
	 * @param cluster this node's cluster
	 * @param incarnation this node's incarnation
	 * @param settings how peers and messages are kept
	 * @param handlers the request handlers of this node
	 * @param callbacks where the stages chained to the futures of sends and requests run
	 * @param requestExecutor where request handlers that may block run; never a network
	 * thread
	 * @param maxRequestsInFlight the most requests handed to {@code requestExecutor} and
	 * not answered yet; beyond, requests are refused, and reads pause at half of it
	 */
	public Mesh(Transport transport, DefaultPeerRegistry registry, NodeId self, String cluster, long incarnation,
			MeshSettings settings, List<RequestHandler> handlers, Executor callbacks, Executor requestExecutor,
			int maxRequestsInFlight) {
		this(transport, registry, self, cluster, incarnation, settings, handlers, new ThreadScheduler(), callbacks,
				requestExecutor, maxRequestsInFlight, new SplittableRandom());
	}

	Mesh(Transport transport, DefaultPeerRegistry registry, NodeId self, String cluster, long incarnation,
			MeshSettings settings, List<RequestHandler> handlers, Scheduler timer, Executor callbacks,
			@Nullable Executor workers, RandomGenerator random) {
		this(transport, registry, self, cluster, incarnation, settings, handlers, timer, callbacks, workers,
				Requests.DEFAULT_MAX_IN_FLIGHT, random);
	}

	Mesh(Transport transport, DefaultPeerRegistry registry, NodeId self, String cluster, long incarnation,
			MeshSettings settings, List<RequestHandler> handlers, Scheduler timer, Executor callbacks,
			@Nullable Executor workers, int maxRequestsInFlight, RandomGenerator random) {
		if (maxRequestsInFlight < 1) {
			throw new IllegalArgumentException("maxRequestsInFlight must be at least 1 but was " + maxRequestsInFlight);
		}
		this.transport = transport;
		this.registry = registry;
		this.self = self;
		this.cluster = cluster;
		this.incarnation = incarnation;
		this.settings = settings;
		this.timer = timer;
		this.callbacks = callbacks;
		this.ownWorkers = (workers != null) ? null : requestThreads();
		this.sessions = new Sessions(self, timer, settings.bufferTimeout());
		this.requests = new Requests(handlers, timer, (workers != null) ? workers : this.ownWorkers, callbacks,
				random.nextLong(), maxRequestsInFlight);
		// Reads pause well before the requests in flight reach their bound: the peers
		// that
		// flood wait, rather than have their requests refused.
		ReadGate gate = new ReadGate(registry::pendingEvents,
				() -> registry.pendingBytes() + this.requests.waitingBytes(), this.requests::waitingCount,
				Delivery.EVENTS_HIGH_WATER, settings.receiveBufferMaxBytes(), Math.max(1, maxRequestsInFlight / 2));
		this.delivery = new Delivery(this.sessions, registry, settings, callbacks, gate);
		MembershipRef membershipRef = new MembershipRef();
		this.dialer = new Dialer(this.sessions, transport, registry, settings, random,
				(session) -> membershipRef.get().giveUp(session));
		this.membership = new Membership(this.sessions, registry, settings, this.dialer, this.delivery);
		membershipRef.set(this.membership);
		this.delivery.wire(this.requests, this.membership);
		this.requests.onConsumed(gate::consumed);
		registry.onConsumed(gate::consumed);
		registry.pressureFrom(new MeshPressure(this.sessions, gate));
	}

	private static ExecutorService requestThreads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("tcpnet-requests-");
		threads.setDaemon(true);
		// Unbounded here: Requests refuses beyond its bound itself, and counts their
		// bytes.
		return new ThreadPoolExecutor(REQUEST_THREADS, REQUEST_THREADS, 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(), threads);
	}

	/**
	 * Observes sends, requests and the answering of requests from now on.
	 * @param observations the observations, or {@code null} for none
	 */
	public void observeWith(@Nullable TcpnetObservations observations) {
		this.observations = observations;
		this.requests.observeWith(observations);
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
		this.dialer
			.selfAddresses(node.addresses().stream().map((a) -> new InetSocketAddress(a, bound.getPort())).toList());
		this.localNode = node;
		this.sessions.running(true);
		scheduleMaintenance();
		return node;
	}

	private void scheduleMaintenance() {
		this.timer.schedule(() -> {
			if (this.sessions.isRunning()) {
				this.delivery.maintain();
				scheduleMaintenance();
			}
		}, this.settings.ackInterval().toNanos());
	}

	/**
	 * Leaves the mesh: stops accepting, says goodbye to every peer and records them as
	 * {@code SHUTDOWN}; messages not acknowledged yet are dropped ({@link #drain} first
	 * to avoid that). Waits briefly for the goodbyes to be written.
	 */
	public void leave() {
		List<Session> leaving = this.membership.leave();
		this.transport.stopAccepting();
		List<CompletableFuture<Void>> goodbyes = new ArrayList<>();
		for (Session session : leaving) {
			Connection connection = session.connection();
			if (connection != null) {
				goodbyes.add(connection.goodbye());
			}
			this.delivery.dropAll(session, MessageDroppedEvent.Reason.SHUTDOWN);
		}
		this.registry.flushDrops();
		awaitQuietly(CompletableFuture.allOf(goodbyes.toArray(CompletableFuture[]::new)), GOODBYE_TIMEOUT);
		this.requests.close();
		this.timer.shutdown();
		if (this.ownWorkers != null) {
			this.ownWorkers.shutdownNow();
		}
	}

	/**
	 * Waits until every message sent so far to a connected peer has been acknowledged (or
	 * given up), or until the timeout passes: the first step of a graceful stop, before
	 * {@link #leave()} drops what is left. Messages sent meanwhile are not waited for, so
	 * a sender that goes on does not hold the stop up; nor are messages for peers that
	 * are not connected.
	 * @param timeout how long to wait at most
	 * @return whether nothing waited for was left unacknowledged
	 */
	public boolean drain(Duration timeout) {
		Map<Session, Long> sent = new HashMap<>();
		for (Session session : this.sessions.all()) {
			if (session.connection() != null && session.bufferedMessages() > 0) {
				sent.put(session, session.highestSent());
			}
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!sent.isEmpty()) {
			sent.entrySet()
				.removeIf((entry) -> entry.getKey().acknowledgedThrough() >= entry.getValue()
						|| entry.getKey().connection() == null);
			if (sent.isEmpty()) {
				break;
			}
			if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
				logger.info("Peers {} did not acknowledge every message within {} ms; what is left will be dropped",
						sent.keySet().stream().map((session) -> session.nodeId.toString()).toList(),
						timeout.toMillis());
				return false;
			}
			LockSupport.parkNanos(DRAIN_POLL_NANOS);
		}
		return true;
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
		return send(nodeId, topic, payload, Headers.EMPTY);
	}

	@Override
	public CompletableFuture<Void> send(NodeId nodeId, String topic, byte[] payload, Headers headers) {
		checkTopic(topic);
		Session session = knownSession(nodeId);
		TcpnetObservations observations = this.observations;
		if (observations == null) {
			return this.delivery.send(session, Envelope.Kind.MESSAGE, 0, topic, payload, headers);
		}
		return observations.send(topic, headers,
				(sent) -> this.delivery.send(session, Envelope.Kind.MESSAGE, 0, topic, payload, sent));
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * A stream's messages are not observed one by one (an observation per message costs
	 * more than the message); they are counted in the meters as {@code send}'s are.
	 */
	@Override
	public TopicStream stream(NodeId nodeId, String topic) {
		checkTopic(topic);
		knownSession(nodeId);
		return new MeshTopicStream(this.delivery, this.sessions, nodeId, topic, this.delivery.callbacks(),
				this.transport::isNetworkThread);
	}

	@Override
	public CompletableFuture<Void> send(NodeId nodeId, String topic, Object payload) {
		return send(nodeId, topic, this.converter.toPayload(payload));
	}

	@Override
	public Broadcast broadcast(String topic, byte[] payload) {
		return broadcast(topic, payload, Headers.EMPTY);
	}

	@Override
	public Broadcast broadcast(String topic, byte[] payload, Headers headers) {
		checkTopic(topic);
		if (this.observations == null) {
			return this.delivery.broadcast(topic, payload, headers);
		}
		// Each send observed on its own, as the application would see them.
		Map<NodeId, CompletableFuture<Void>> sent = new LinkedHashMap<>();
		for (NodeId nodeId : this.delivery.broadcastTargets()) {
			try {
				sent.put(nodeId, send(nodeId, topic, payload, headers));
			}
			catch (NoSuchPeerException ex) {
				// Gone since the list was taken: a broadcast takes the peers known then.
			}
		}
		return new Broadcast(sent);
	}

	@Override
	public Broadcast broadcast(String topic, Object payload) {
		return broadcast(topic, this.converter.toPayload(payload));
	}

	@Override
	public CompletableFuture<byte[]> request(NodeId nodeId, String topic, byte[] payload, Duration timeout) {
		return request(nodeId, topic, payload, Headers.EMPTY, timeout);
	}

	@Override
	public CompletableFuture<byte[]> request(NodeId nodeId, String topic, byte[] payload, Headers headers,
			Duration timeout) {
		checkTopic(topic);
		Session session = knownSession(nodeId);
		TcpnetObservations observations = this.observations;
		if (observations == null) {
			return ask(session, topic, payload, headers, timeout);
		}
		return observations.request(topic, headers, (sent) -> ask(session, topic, payload, sent, timeout));
	}

	private CompletableFuture<byte[]> ask(Session session, String topic, byte[] payload, Headers headers,
			Duration timeout) {
		Requests.Asked asked = this.requests.await(session.nodeId, topic, timeout);
		this.delivery.request(session, asked.id(), topic, payload, headers);
		return asked.reply();
	}

	@Override
	public <T> CompletableFuture<T> request(NodeId nodeId, String topic, Object payload, Class<T> replyType,
			Duration timeout) {
		TcpnetPayloadConverter converter = this.converter;
		return request(nodeId, topic, converter.toPayload(payload), timeout)
			.thenApply((reply) -> replyType.cast(converter.fromPayload(reply, replyType)));
	}

	/**
	 * Sets the converter of the objects sent and of typed replies; a
	 * {@link DefaultPayloadConverter} without JSON until then.
	 * @param converter the converter
	 */
	public void setPayloadConverter(TcpnetPayloadConverter converter) {
		this.converter = converter;
	}

	/**
	 * Adds the handler of a topic's requests, besides those given to the constructor.
	 * @param handler the handler
	 * @throws IllegalStateException if the topic has a handler
	 */
	public void addRequestHandler(RequestHandler handler) {
		this.requests.add(handler);
	}

	/** The connection kept for a peer, for tests that compare both sides' views. */
	@Nullable Connection connectionTo(NodeId nodeId) {
		Session session = this.sessions.get(nodeId);
		return (session != null) ? session.connection() : null;
	}

	/** Whether the mesh knows a peer, connected or not, for tests. */
	boolean sessionKnown(NodeId nodeId) {
		return this.sessions.get(nodeId) != null;
	}

	private Session knownSession(NodeId nodeId) {
		Session session = this.sessions.get(nodeId);
		if (session == null) {
			throw new NoSuchPeerException(nodeId);
		}
		return session;
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
		this.dialer.sighted(sighting);
	}

	/**
	 * Waits until the application's executor has started every completion handed to it so
	 * far, for at most {@code timeout}. Futures with stages chained to them complete
	 * there, those that {@link #leave} failed too; Spring's task executors stop in a
	 * later phase than the node, and one that is stopped pauses, so a completion it had
	 * queued but not started would never run and its future never complete. A task queued
	 * after them runs once every one of them has started (such executors are first in,
	 * first out). Call it from a thread that is not the executor's.
	 * @param timeout the longest wait
	 */
	public void awaitCallbacks(Duration timeout) {
		CompletableFuture<Void> taken = new CompletableFuture<>();
		try {
			this.callbacks.execute(() -> taken.complete(null));
		}
		catch (RejectedExecutionException ex) {
			// Shut down already: nothing waits in it any more.
			return;
		}
		awaitQuietly(taken, timeout);
	}

	private static void awaitQuietly(CompletableFuture<?> future, Duration timeout) {
		try {
			future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.debug("Stopped waiting: {}", ex.toString());
		}
	}

	/**
	 * What the transport reports, handed to the parts of the mesh.
	 */
	private final class Connections implements TransportListener {

		@Override
		public void opened(SocketAddress remote, Direction direction, String transport) {
			Mesh.this.registry.connectionOpened(direction, transport);
		}

		@Override
		public void rejected(SocketAddress remote, RejectReason reason) {
			Mesh.this.registry.handshakeRejected(reason.name().toLowerCase(Locale.ROOT));
		}

		@Override
		public void closedBeforeHandshake(SocketAddress remote, boolean duplicate, String transport) {
			Mesh.this.registry.connectionClosed(duplicate ? CloseReason.DUPLICATE : CloseReason.REJECTED, transport);
		}

		@Override
		public Admission admit(Connection candidate) {
			return Mesh.this.membership.admit(candidate);
		}

		@Override
		public void abandoned(Connection candidate) {
			Mesh.this.membership.abandoned(candidate);
		}

		@Override
		public void connected(Connection connection) {
			connection.listen(new ConnectionEvents(connection));
			Mesh.this.membership.connected(connection);
		}

	}

	/**
	 * What one connection reports, handed to the parts of the mesh. Events of a
	 * connection's frames come on its network thread, one at a time.
	 */
	private final class ConnectionEvents implements ConnectionListener {

		private final Connection connection;

		// The session of the connection's peer as last looked up, kept while the mesh
		// holds it and it carries this connection: a lookup by node id per frame cost a
		// small message's receiver several per cent of its time.
		private @Nullable Session session;

		ConnectionEvents(Connection connection) {
			this.connection = connection;
		}

		private @Nullable Session session() {
			Session kept = this.session;
			if (kept != null && !kept.removed && kept.isCarriedBy(this.connection)) {
				return kept;
			}
			Session found = Mesh.this.sessions.get(this.connection.remote().nodeId());
			this.session = found;
			return found;
		}

		@Override
		public void received(Connection connection, Envelope envelope) {
			Mesh.this.delivery.received(session(), connection, envelope);
		}

		@Override
		public void readComplete(Connection connection) {
			Mesh.this.delivery.readComplete(session(), connection);
		}

		@Override
		public void resumed(Connection connection, long seq) {
			Mesh.this.delivery.resumed(connection, seq);
		}

		@Override
		public void acknowledged(Connection connection, long seq) {
			Mesh.this.delivery.acknowledged(session(), connection, seq);
		}

		@Override
		public void roundTrip(Connection connection, long nanos) {
			Mesh.this.registry.roundTrip(connection.remote().nodeId(), nanos);
		}

		@Override
		public void peersTold(Connection connection, List<PeerAddress> peers) {
			Mesh.this.dialer.peersTold(peers);
		}

		@Override
		public void goodbye(Connection connection) {
			Mesh.this.delivery.readComplete(session(), connection);
			Mesh.this.membership.goodbye(connection);
		}

		@Override
		public void duplicate(Connection connection) {
			Mesh.this.delivery.readComplete(session(), connection);
			Mesh.this.membership.duplicate(connection);
		}

		@Override
		public void stalled(Connection connection) {
			// Counted as stalled; the peer is reported lost and its session re-sends what
			// is
			// unacknowledged on the next connection.
			Mesh.this.membership.stalled(connection);
		}

		@Override
		public void closed(Connection connection) {
			Mesh.this.delivery.readComplete(session(), connection);
			Mesh.this.membership.closed(connection);
		}

	}

	/**
	 * Breaks the cycle between the dialer, which gives up on peers, and the membership.
	 */
	private static final class MembershipRef {

		private @Nullable Membership membership;

		Membership get() {
			Membership current = this.membership;
			if (current == null) {
				throw new IllegalStateException("Not wired yet");
			}
			return current;
		}

		void set(Membership membership) {
			this.membership = membership;
		}

	}

}
