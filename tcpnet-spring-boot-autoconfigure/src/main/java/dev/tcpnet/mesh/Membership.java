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

import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent.Reason;
import dev.tcpnet.mesh.Session.State;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.transport.Admission;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.PeerAddress;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * Who is connected: admits connections in their handshake, makes the admitted one its
 * pair's connection, and records every transition in the registry (which publishes one
 * event each): connected, left, lost (and redialed), restarted. On version 2 connections
 * the pair's leader decides in the handshake which connection is kept (see
 * {@link TcpnetProtocol}), so every event describes the connection both sides keep.
 * Everything here runs under the sessions' lock; nothing here runs application code.
 */
final class Membership {

	private static final Logger logger = LoggerFactory.getLogger(Membership.class);

	private final Sessions sessions;

	private final DefaultPeerRegistry registry;

	private final MeshSettings settings;

	private final Dialer dialer;

	private final Delivery delivery;

	private final ConnectionRank rank;

	// Connections admitted in their handshake and not completed yet; the leader's hold
	// the pair.
	private final Map<Connection, NodeId> admitted = new IdentityHashMap<>();

	// Why this node closes, or will see close, a connection; unmarked closes are losses.
	private final Map<Connection, CloseReason> closing = new IdentityHashMap<>();

	Membership(Sessions sessions, DefaultPeerRegistry registry, MeshSettings settings, Dialer dialer,
			Delivery delivery) {
		this.sessions = sessions;
		this.registry = registry;
		this.settings = settings;
		this.dialer = dialer;
		this.delivery = delivery;
		this.rank = new ConnectionRank(sessions.self);
	}

	// Admission, in the handshake (version 2)

	Admission admit(Connection candidate) {
		synchronized (this.sessions) {
			if (!this.sessions.isRunning()) {
				return Admission.refused(RejectReason.SHUTDOWN, "this node is stopping");
			}
			NodeId nodeId = candidate.remote().nodeId();
			Session session = this.sessions.get(nodeId);
			Admission refusal = (session != null) ? refusal(session, candidate) : null;
			if (refusal == null && holdsPair(nodeId)) {
				// Also for a node not known yet: two dials that both reached this leader.
				refusal = Admission.refused(RejectReason.DUPLICATE, "the pair is completing another connection");
			}
			if (refusal == null && isNewPeer(session) && isFull()) {
				refusal = Admission.refused(RejectReason.LIMIT,
						"already " + this.settings.maxPeers() + " peers (tcpnet.max-peers)");
			}
			if (refusal != null) {
				return refusal;
			}
			this.admitted.put(candidate, candidate.remote().nodeId());
			return Admission.admitted();
		}
	}

	private @Nullable Admission refusal(Session session, Connection candidate) {
		long incarnation = candidate.remote().incarnation();
		long known = session.incarnation();
		Connection current = session.connection();
		if (incarnation < known) {
			return Admission.refused(RejectReason.STALE, "incarnation " + incarnation + " of node " + session.nodeId
					+ " is older than incarnation " + known + ", which this node already knows");
		}
		if (current != null && current.remote().incarnation() != incarnation && isAlive(current)) {
			return conflict(session, current, candidate);
		}
		if (isLeader(session.nodeId) && isSameIncarnation(current, incarnation)) {
			return Admission.refused(RejectReason.DUPLICATE, "the pair keeps another connection");
		}
		return null;
	}

	// Same id, another incarnation, and the one known is alive: two nodes claim one id.
	// The
	// established one stays; the newcomer is refused every time, so they never take
	// turns.
	private Admission conflict(Session session, Connection current, Connection candidate) {
		String message = "node id '" + session.nodeId + "' is used by two live nodes: " + current.remoteAddress()
				+ " (incarnation " + current.remote().incarnation() + ", connected) and " + candidate.remoteAddress()
				+ " (incarnation " + candidate.remote().incarnation()
				+ ", refused); give every node its own tcpnet.node-id";
		return Admission.refused(RejectReason.CONFLICT, message);
	}

	// A live peer sends at least a heartbeat every interval: silence beyond twice that is
	// not life.
	private boolean isAlive(Connection connection) {
		return connection.silentNanos() < 2 * this.settings.heartbeatInterval().toNanos();
	}

	// IdentityHashMap compares values by identity too: node ids are compared by value
	// here.
	private boolean holdsPair(NodeId nodeId) {
		return isLeader(nodeId) && this.admitted.values().stream().anyMatch(nodeId::equals);
	}

	private static boolean isSameIncarnation(@Nullable Connection current, long incarnation) {
		return current != null && current.remote().incarnation() == incarnation;
	}

	private boolean isLeader(NodeId remote) {
		return this.sessions.self.compareTo(remote) < 0;
	}

	private static boolean isNewPeer(@Nullable Session session) {
		return session == null || session.state == State.PENDING;
	}

	private boolean isFull() {
		return this.sessions.peerCount() + this.admitted.size() >= this.settings.maxPeers();
	}

	void abandoned(Connection candidate) {
		synchronized (this.sessions) {
			this.admitted.remove(candidate);
		}
	}

	// Completed handshakes

	void connected(Connection connection) {
		synchronized (this.sessions) {
			boolean wasAdmitted = this.admitted.remove(connection) != null;
			if (!this.sessions.isRunning()) {
				closeFor(connection, CloseReason.SHUTDOWN);
			}
			else if (connection.protocolVersion() >= 2 && wasAdmitted) {
				keep(connection);
			}
			else {
				connectedVersion1(connection);
			}
		}
	}

	// Version 2: the leader's verdict is in; this is the pair's connection. A connection
	// the
	// session still holds is dead to the leader (or of a former incarnation): lost.
	private void keep(Connection connection) {
		NodeId nodeId = connection.remote().nodeId();
		Session session = this.sessions.get(nodeId);
		if (session == null) {
			session = this.sessions.add(nodeId, List.of());
		}
		Connection former = session.connection();
		boolean reconnect = session.state != State.PENDING;
		if (former != null) {
			logger.info("Peer {}: connection {} replaced by {}", nodeId, former, connection);
			closeFor(former, CloseReason.LOST);
			lose(session, Reason.LOST);
		}
		open(session, connection, reconnect);
	}

	// Version 1: the connection completed at once; the pair's two connections, if both
	// complete, are sorted out afterwards by the rank both sides apply.
	private void connectedVersion1(Connection connection) {
		Session session = this.sessions.get(connection.remote().nodeId());
		if (session != null && session.state == State.CONNECTED && session.connection() != null
				&& connection.remote().incarnation() > session.incarnation()) {
			restarted(session);
		}
		if (session == null || session.state == State.PENDING) {
			if (this.sessions.peerCount() >= this.settings.maxPeers()) {
				refuseOverLimit(connection);
				return;
			}
			open((session != null) ? session : this.sessions.add(connection.remote().nodeId(), List.of()), connection,
					false);
		}
		else if (session.state == State.RECONNECTING) {
			open(session, connection, true);
		}
		else {
			chooseBetween(session, connection);
		}
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
		lose(session, Reason.LOST);
	}

	private void open(Session session, Connection connection, boolean reconnect) {
		this.dialer.cancelRedial(session);
		Peer peer = peerOf(connection, Instant.now());
		session.peer = peer;
		session.state = State.CONNECTED;
		session.attempt = 0;
		session.attach(connection);
		connection.tellPeers(otherPeers(session));
		this.registry.connected(peer, reconnect);
		// An accepted Unix-domain connection has no remote port: name the peer by the
		// port it listens on.
		logger.info("Peer {} {} ({}, {} {})", peer.nodeId(), reconnect ? "reconnected" : "connected", peer.direction(),
				peer.transport(), "unix".equals(peer.transport()) ? peer.listenAddress() : peer.remoteAddress());
	}

	// Peer exchange: a node that found one member reaches the others through it.
	private List<PeerAddress> otherPeers(Session except) {
		return this.sessions.all()
			.stream()
			.filter((s) -> s != except && s.state == State.CONNECTED && s.peer != null)
			.limit(TcpnetProtocol.MAX_EXCHANGED_PEERS)
			.map((s) -> new PeerAddress(s.nodeId, s.peer.listenAddress()))
			.toList();
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
		// No new event: version 1 completes both connections before either side can
		// choose, and
		// the connected event stays as published for the first; the registry shows the
		// one kept.
		this.registry.updated(peer);
		if (current != null) {
			dropDuplicate(current);
		}
	}

	private void dropDuplicate(Connection connection) {
		this.closing.put(connection, CloseReason.DUPLICATE);
		connection.closeAsDuplicate();
	}

	void closeFor(Connection connection, CloseReason reason) {
		synchronized (this.sessions) {
			this.closing.put(connection, reason);
		}
		connection.close();
	}

	private static Peer peerOf(Connection connection, Instant connectedAt) {
		return new Peer(connection.remote().nodeId(), connection.remote().cluster(), connection.remoteAddress(),
				connection.remote().listenPort(), connection.direction(), connectedAt,
				TcpnetProtocol.metadataOf(connection.remote().attributes()), connection.transport());
	}

	// What the connections report

	void goodbye(Connection connection) {
		synchronized (this.sessions) {
			this.closing.put(connection, CloseReason.LEFT);
			Session session = this.sessions.get(connection.remote().nodeId());
			if (session != null && session.isCarriedBy(connection)) {
				this.sessions.remove(session);
				this.dialer.cancelRedial(session);
				session.detach();
				this.registry.disconnected(session.peer, Reason.LEFT);
				logger.info("Peer {} left", session.nodeId);
				this.delivery.dropAll(session, MessageDroppedEvent.Reason.LEFT);
			}
		}
	}

	void duplicate(Connection connection) {
		synchronized (this.sessions) {
			this.closing.put(connection, CloseReason.DUPLICATE);
			Session session = this.sessions.get(connection.remote().nodeId());
			if (session != null && session.isCarriedBy(connection)) {
				// Version 1: the remote keeps another connection that has not completed
				// here yet.
				session.detach();
				session.state = State.AWAITING_REPLACEMENT;
				this.sessions.clock.schedule(() -> replacementDue(session),
						this.settings.replacementTimeout().toNanos());
			}
		}
	}

	private void replacementDue(Session session) {
		synchronized (this.sessions) {
			if (this.sessions.isCurrent(session) && session.state == State.AWAITING_REPLACEMENT) {
				lost(session);
			}
		}
	}

	/** The transport closes the connection for making no progress writing: a stall. */
	void stalled(Connection connection) {
		synchronized (this.sessions) {
			this.closing.put(connection, CloseReason.STALLED);
		}
	}

	/**
	 * The peer acknowledged nothing for the stall timeout while envelopes waited for it:
	 * it does not read (perhaps while it keeps sending). Closed as stalled; the session
	 * sends again, on the next connection, everything not acknowledged.
	 */
	void stalledAcknowledging(Session session, Connection connection, Duration timeout) {
		synchronized (this.sessions) {
			if (!session.isCarriedBy(connection) || this.closing.containsKey(connection)) {
				return;
			}
			this.closing.put(connection, CloseReason.STALLED);
		}
		logger.warn(
				"Closing connection to peer {} at {}: it sends but acknowledged nothing for {} ms, {} messages waiting",
				session.nodeId, connection.remoteAddress(), timeout.toMillis(), session.bufferedMessages());
		connection.close();
	}

	/**
	 * The remote broke the protocol after its handshake: refused, and its connection
	 * closed.
	 */
	void violated(Connection connection, String reason) {
		synchronized (this.sessions) {
			this.closing.put(connection, CloseReason.REJECTED);
		}
		connection.closeForViolation(reason);
	}

	void closed(Connection connection) {
		synchronized (this.sessions) {
			this.delivery.forget(connection);
			CloseReason reason = this.closing.remove(connection);
			this.registry.connectionClosed((reason != null) ? reason : CloseReason.LOST, connection.transport());
			Session session = this.sessions.get(connection.remote().nodeId());
			if (session != null && session.isCarriedBy(connection) && this.sessions.isRunning()) {
				lost(session);
			}
		}
	}

	private void lost(Session session) {
		Peer peer = session.peer;
		lose(session, Reason.LOST);
		session.unreachableSinceNanos = this.sessions.clock.nanoTime();
		session.attempt = 0;
		if (peer != null) {
			session.addresses = List.of(peer.listenAddress());
		}
		logger.info("Peer {} lost; reconnecting", session.nodeId);
		this.dialer.scheduleRedial(session);
	}

	private void lose(Session session, Reason reason) {
		session.detach();
		session.state = State.RECONNECTING;
		Peer peer = session.peer;
		if (peer != null) {
			this.registry.disconnected(peer, reason);
		}
	}

	/** Gives up on a peer that stayed unreachable. */
	void giveUp(Session session) {
		this.sessions.remove(session);
		this.dialer.cancelRedial(session);
		Peer peer = session.peer;
		logger.info("Giving up on peer {}: unreachable for {}", session.nodeId, this.settings.giveUpAfter());
		if (peer != null) {
			this.registry.gaveUp(peer);
		}
		this.delivery.dropAll(session, MessageDroppedEvent.Reason.GAVE_UP);
	}

	/**
	 * Stops: every connected peer is recorded as {@link Reason#SHUTDOWN}.
	 * @return the sessions, whose connections are to be told goodbye
	 */
	List<Session> leave() {
		synchronized (this.sessions) {
			this.sessions.running(false);
			List<Session> leaving = this.sessions.removeAll();
			leaving.forEach(this.dialer::cancelRedial);
			leaving.stream()
				.filter((session) -> session.state == State.CONNECTED)
				.forEach((session) -> this.registry.disconnected(session.peer, Reason.SHUTDOWN));
			leaving.stream()
				.map(Session::connection)
				.filter((connection) -> connection != null)
				.forEach((connection) -> this.closing.put(connection, CloseReason.SHUTDOWN));
			return leaving;
		}
	}

	/** Connections admitted and still completing their handshake. */
	Set<Connection> admittedConnections() {
		synchronized (this.sessions) {
			return Set.copyOf(this.admitted.keySet());
		}
	}

	Duration replacementTimeout() {
		return this.settings.replacementTimeout();
	}

}
