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
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.mesh.Session.State;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.transport.PeerAddress;
import dev.tcpnet.transport.SelfConnectionException;
import dev.tcpnet.transport.Transport;

/**
 * Dials what discovery and peers report, and redials lost peers with back-off until they
 * are back or tcpnet gives up on them. Whoever sees the other first dials; both may dial
 * at once (the handshake keeps one connection). Everything here runs under the sessions'
 * lock.
 */
final class Dialer {

	/** The mechanism of the sightings peers tell each other about. */
	static final String EXCHANGE = "exchange";

	private static final Logger logger = LoggerFactory.getLogger(Dialer.class);

	private final Sessions sessions;

	private final Transport transport;

	private final DefaultPeerRegistry registry;

	private final MeshSettings settings;

	private final RandomGenerator random;

	private final Consumer<Session> giveUp;

	private final Set<InetSocketAddress> dialingAddresses = new HashSet<>();

	private final Map<InetSocketAddress, NodeId> dialedAddresses = new HashMap<>();

	private final Set<InetSocketAddress> selfAddresses = new HashSet<>();

	Dialer(Sessions sessions, Transport transport, DefaultPeerRegistry registry, MeshSettings settings,
			RandomGenerator random, Consumer<Session> giveUp) {
		this.sessions = sessions;
		this.transport = transport;
		this.registry = registry;
		this.settings = settings;
		this.random = random;
		this.giveUp = giveUp;
	}

	/** This node's own addresses are never dialed. */
	void selfAddresses(List<InetSocketAddress> addresses) {
		synchronized (this.sessions) {
			this.selfAddresses.addAll(addresses);
		}
	}

	void sighted(Sighting sighting) {
		this.registry.sighted(sighting.mechanism());
		NodeId nodeId = sighting.nodeId();
		synchronized (this.sessions) {
			if (!this.sessions.isRunning() || this.sessions.self.equals(nodeId)) {
				return;
			}
			if (nodeId != null) {
				sightedNode(nodeId, sighting.addresses(), sighting.attributes());
				return;
			}
			List<InetSocketAddress> candidates = sighting.addresses().stream().filter(this::isWorthDialing).toList();
			if (!candidates.isEmpty()) {
				this.dialingAddresses.addAll(candidates);
				logger.debug("Dialing {} (seen by {})", candidates, sighting.mechanism());
				dial(null, candidates, sighting.attributes(), 0);
			}
		}
	}

	// A sighting of a node not connected starts a pending session, so that messages sent
	// to it
	// are buffered; a sighting of a lost peer redials it at once instead of after the
	// back-off.
	private void sightedNode(NodeId nodeId, List<InetSocketAddress> addresses, Map<String, String> attributes) {
		Session session = this.sessions.get(nodeId);
		if (session == null) {
			session = this.sessions.add(nodeId, addresses);
		}
		else if (session.state == State.PENDING || session.state == State.RECONNECTING) {
			session.addresses = addresses;
		}
		else {
			return;
		}
		if (!attributes.isEmpty()) {
			// Static seeds and DNS know nothing of this: they leave what mDNS said
			session.attributes = attributes;
		}
		if (!session.dialing) {
			dialNow(session);
		}
	}

	// What a peer tells is a hint from a node that may be hostile: each unknown node is
	// dialed
	// once, no state is kept for it, known peers' addresses are never replaced, and never
	// more
	// dials than there is room for peers.
	void peersTold(List<PeerAddress> peers) {
		synchronized (this.sessions) {
			for (PeerAddress peer : peers) {
				this.registry.sighted(EXCHANGE);
				InetSocketAddress address = peer.address();
				if (!this.sessions.isRunning() || this.sessions.self.equals(peer.nodeId())
						|| this.sessions.get(peer.nodeId()) != null || !isWorthDialing(address)
						|| this.sessions.peerCount() + this.dialingAddresses.size() >= this.settings.maxPeers()) {
					continue;
				}
				this.dialingAddresses.add(address);
				logger.debug("Dialing {} at {} (told by a peer)", peer.nodeId(), address);
				dial(null, List.of(address), Map.of(), 0);
			}
		}
	}

	private boolean isWorthDialing(InetSocketAddress address) {
		if (this.selfAddresses.contains(address) || this.dialingAddresses.contains(address)) {
			return false;
		}
		NodeId dialed = this.dialedAddresses.get(address);
		if (dialed != null && this.sessions.get(dialed) != null) {
			return false;
		}
		return this.sessions.all()
			.stream()
			.noneMatch((s) -> s.state == State.CONNECTED && s.peer != null && s.peer.listenAddress().equals(address));
	}

	private void dialNow(Session session) {
		cancelRedial(session);
		session.dialing = true;
		logger.debug("Dialing peer {} at {}", session.nodeId, session.addresses);
		dial(session, session.addresses, session.attributes, 0);
	}

	private void dial(@Nullable Session session, List<InetSocketAddress> candidates, Map<String, String> attributes,
			int index) {
		InetSocketAddress address = candidates.get(index);
		this.transport.dial(address, attributes).whenComplete((connection, failure) -> {
			boolean self = failure instanceof SelfConnectionException;
			boolean next = failure != null && !self && index + 1 < candidates.size();
			synchronized (this.sessions) {
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
				synchronized (this.sessions) {
					dial(session, candidates, attributes, index + 1);
				}
			}
		});
	}

	private void dialEnded(@Nullable Session session, List<InetSocketAddress> candidates, @Nullable Throwable failure) {
		candidates.forEach(this.dialingAddresses::remove);
		if (session != null) {
			session.dialing = false;
			if (failure != null) {
				scheduleRedial(session);
			}
		}
	}

	/**
	 * Schedules the next attempt to reach a session's peer, or gives up on it when it has
	 * been unreachable for too long.
	 */
	void scheduleRedial(Session session) {
		if (!this.sessions.isRunning() || !this.sessions.isCurrent(session)
				|| (session.state != State.PENDING && session.state != State.RECONNECTING)) {
			return;
		}
		if (this.sessions.clock.nanoTime() - session.unreachableSinceNanos >= this.settings.giveUpAfter().toNanos()) {
			this.giveUp.accept(session);
			return;
		}
		session.attempt++;
		Duration delay = this.settings.backoff().delay(session.attempt, this.random);
		session.redial.cancel();
		session.redial = this.sessions.clock.schedule(() -> redialDue(session), delay.toNanos());
		Peer peer = session.peer;
		if (peer != null) {
			this.registry.reconnecting(peer, session.attempt, delay);
		}
	}

	private void redialDue(Session session) {
		synchronized (this.sessions) {
			if (this.sessions.isRunning() && this.sessions.isCurrent(session) && !session.dialing
					&& (session.state == State.PENDING || session.state == State.RECONNECTING)) {
				dialNow(session);
			}
		}
	}

	void cancelRedial(Session session) {
		session.redial.cancel();
		session.redial = Scheduler.Cancellable.NONE;
	}

}
