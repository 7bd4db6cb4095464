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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import dev.tcpnet.actuate.TcpnetEndpoint;
import dev.tcpnet.actuate.TcpnetEndpoint.PeerDescriptor;
import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.support.TestNode;
import dev.tcpnet.transport.netty.NettyTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes that see each other at the same moment both dial; the pair's leader decides
 * in the handshake which connection is kept, so the other never completes: each side
 * publishes exactly one connected event, about the connection kept, no disconnect, and
 * the two sides' directions are opposite. A {@link DialGate} holds both dials until both
 * are in flight, so that every repetition is a real race.
 */
class SimultaneousDialTests {

	@RepeatedTest(10)
	void bothDialAtOnceAndEveryViewDescribesTheOneConnectionKept() throws Exception {
		try (TestNode a = TestNode.start("tcpnet.discovery.mdns.enabled=false", "logging.level.dev.tcpnet=INFO");
				TestNode b = TestNode.start("tcpnet.discovery.mdns.enabled=false", "logging.level.dev.tcpnet=INFO");
				DialGate gate = new DialGate(2)) {
			int toA = gate.relayTo(a.port());
			int toB = gate.relayTo(b.port());
			CompletableFuture<Void> aSees = CompletableFuture.runAsync(() -> sight(a, b, toB));
			CompletableFuture<Void> bSees = CompletableFuture.runAsync(() -> sight(b, a, toA));
			CompletableFuture.allOf(aSees, bSees).get();
			// Generous: two contexts and their handshakes compete for 2 shared cores in
			// CI.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				// An AssertionError, not orElseThrow(): Awaitility retries only on
				// assertion failures.
				Peer bSeenByA = a.tcpnet().peer(b.id()).orElseThrow(() -> new AssertionError("a not connected yet"));
				Peer aSeenByB = b.tcpnet().peer(a.id()).orElseThrow(() -> new AssertionError("b not connected yet"));
				assertThat(bSeenByA.direction()).isNotEqualTo(aSeenByB.direction());
				// Both dialed: the other connection closed on both ends, in its
				// handshake.
				assertThat(closedAsDuplicate(a)).isOne();
				assertThat(closedAsDuplicate(b)).isOne();
			});
			assertViewsDescribeTheKeptConnection(a, b, toB);
			assertViewsDescribeTheKeptConnection(b, a, toA);
			assertThat(a.events(PeerDisconnectedEvent.class)).isEmpty();
			assertThat(b.events(PeerDisconnectedEvent.class)).isEmpty();
			a.tcpnet().send(b.id(), "t", "after the race");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(b.messages()).containsExactly("after the race"));
		}
	}

	/**
	 * The race 200 times over real loopback sockets, with bare meshes on their transports
	 * (no application context), so that it runs in seconds.
	 */
	@Test
	void twoHundredSimultaneousDialsEachEndWithOneConnectedEventPerSideInOppositeDirections() throws Exception {
		for (int round = 0; round < 200; round++) {
			try (BareNode a = new BareNode("a" + round);
					BareNode b = new BareNode("b" + round);
					DialGate gate = new DialGate(2)) {
				int toA = gate.relayTo(a.port);
				int toB = gate.relayTo(b.port);
				CompletableFuture<Void> aSights = CompletableFuture.runAsync(() -> a.sight(b.id, toB));
				CompletableFuture<Void> bSights = CompletableFuture.runAsync(() -> b.sight(a.id, toA));
				CompletableFuture.allOf(aSights, bSights).get();
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					assertThat(a.connected()).hasSize(1);
					assertThat(b.connected()).hasSize(1);
					assertThat(a.registry.counters().connectionsClosed(CloseReason.DUPLICATE)).isOne();
					assertThat(b.registry.counters().connectionsClosed(CloseReason.DUPLICATE)).isOne();
				});
				Direction aSees = a.connected().get(0).getPeer().direction();
				Direction bSaw = b.connected().get(0).getPeer().direction();
				assertThat(aSees).as("round %d", round).isNotEqualTo(bSaw);
				assertThat(a.mesh.peer(b.id)).get().extracting(Peer::direction).isEqualTo(aSees);
				assertThat(a.events).noneMatch(PeerDisconnectedEvent.class::isInstance);
				assertThat(b.events).noneMatch(PeerDisconnectedEvent.class::isInstance);
			}
		}
	}

	private static long closedAsDuplicate(TestNode node) {
		return node.bean(PeerRegistry.class).counters().connectionsClosed(CloseReason.DUPLICATE);
	}

	// The connected event, the registry and the actuator endpoint all describe the
	// connection
	// kept: one side dialed it (its remote end is the relay), the other accepted it.
	private static void assertViewsDescribeTheKeptConnection(TestNode node, TestNode other, int relayToOther) {
		Peer kept = node.tcpnet().peer(other.id()).orElseThrow();
		Direction direction = kept.direction();
		Direction otherDirection = other.tcpnet().peer(node.id()).orElseThrow().direction();
		assertThat(direction).isNotEqualTo(otherDirection);
		// Outbound, the remote end is the relay in front of the peer; inbound, an
		// ephemeral port.
		assertThat(kept.remoteAddress().getPort() == relayToOther).isEqualTo(direction == Direction.OUTBOUND);
		PeerDescriptor shown = new TcpnetEndpoint(node.tcpnet(), node.bean(PeerRegistry.class), List.of())
			.peer(other.id().value());
		assertThat(shown).isNotNull();
		assertThat(shown.direction()).isEqualTo(direction.name());
		assertThat(node.events(PeerConnectedEvent.class)).singleElement()
			.extracting(PeerConnectedEvent::getPeer)
			.isEqualTo(kept);
	}

	private static void sight(TestNode seer, TestNode seen, int relayPort) {
		Sighting sighting = new Sighting("test", seen.id(), List.of(new InetSocketAddress("127.0.0.1", relayPort)));
		seer.context().getBean(Mesh.class).sighted(sighting);
	}

	/** A mesh on a real transport, without an application context. */
	private static final class BareNode implements AutoCloseable {

		final NodeId id;

		final List<Object> events = new CopyOnWriteArrayList<>();

		final DefaultPeerRegistry registry = new DefaultPeerRegistry(this.events::add);

		final NettyTransport transport;

		final Mesh mesh;

		final int port;

		BareNode(String id) {
			this.id = NodeId.of(id);
			this.transport = new NettyTransport("race", this.id, 1L,
					NettyTransport.Settings.plain(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20));
			this.mesh = new Mesh(this.transport, this.registry, this.id, "race", 1L, MeshSettings.defaults(),
					List.of());
			this.port = this.mesh.start(new InetSocketAddress("127.0.0.1", 0)).port();
		}

		void sight(NodeId other, int port) {
			this.mesh.sighted(new Sighting("test", other, List.of(new InetSocketAddress("127.0.0.1", port))));
		}

		List<PeerConnectedEvent> connected() {
			return this.events.stream()
				.filter(PeerConnectedEvent.class::isInstance)
				.map(PeerConnectedEvent.class::cast)
				.toList();
		}

		@Override
		public void close() {
			this.mesh.leave();
			this.transport.close();
			this.registry.close(Duration.ofSeconds(1));
		}

	}

}
