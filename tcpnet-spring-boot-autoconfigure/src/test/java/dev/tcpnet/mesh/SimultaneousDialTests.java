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

import org.junit.jupiter.api.RepeatedTest;

import dev.tcpnet.actuate.TcpnetEndpoint;
import dev.tcpnet.actuate.TcpnetEndpoint.PeerDescriptor;
import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes that see each other at the same moment both dial; both must keep the same one
 * connection and publish one event each, every time. A {@link DialGate} holds both dials
 * until both are in flight, so that every repetition is a real race.
 */
class SimultaneousDialTests {

	@RepeatedTest(25)
	void bothDialAtOnceAndKeepTheSameSingleConnection() throws Exception {
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
				// Settled on the connection both keep: the one the smaller node id
				// dialed.
				assertThat(isSmaller(a, b) ? bSeenByA : aSeenByB).extracting(Peer::direction)
					.isEqualTo(Direction.OUTBOUND);
				// Both dialed: each end closed the other connection as a duplicate
				assertThat(closedAsDuplicate(a)).isOne();
				assertThat(closedAsDuplicate(b)).isOne();
			});
			assertViewsDescribeTheKeptConnection(a, b, toB);
			assertViewsDescribeTheKeptConnection(b, a, toA);
			assertThat(a.connectedEventIds()).containsExactly(b.id());
			assertThat(b.connectedEventIds()).containsExactly(a.id());
			assertThat(a.events(PeerDisconnectedEvent.class)).isEmpty();
			assertThat(b.events(PeerDisconnectedEvent.class)).isEmpty();
			a.tcpnet().send(b.id(), "t", "after the race");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(b.messages()).containsExactly("after the race"));
		}
	}

	private static long closedAsDuplicate(TestNode node) {
		return node.bean(PeerRegistry.class).counters().connectionsClosed(CloseReason.DUPLICATE);
	}

	private static boolean isSmaller(TestNode node, TestNode other) {
		return node.id().compareTo(other.id()) < 0;
	}

	// The registry and the actuator endpoint describe the connection kept, not whichever
	// handshake completed first; the event is the same peer (its direction and remote
	// address
	// may be those of the first connection, see PeerConnectedEvent).
	private static void assertViewsDescribeTheKeptConnection(TestNode node, TestNode other, int relayToOther) {
		Peer kept = node.tcpnet().peer(other.id()).orElseThrow();
		Direction expected = isSmaller(node, other) ? Direction.OUTBOUND : Direction.INBOUND;
		assertThat(kept.direction()).isEqualTo(expected);
		// Outbound, the remote end is the relay in front of the peer; inbound, an
		// ephemeral port.
		assertThat(kept.remoteAddress().getPort() == relayToOther).isEqualTo(expected == Direction.OUTBOUND);
		PeerDescriptor shown = new TcpnetEndpoint(node.tcpnet(), node.bean(PeerRegistry.class), List.of())
			.peer(other.id().value());
		assertThat(shown).isNotNull();
		assertThat(shown.direction()).isEqualTo(expected.name());
		assertThat(node.events(PeerConnectedEvent.class)).singleElement()
			.extracting(PeerConnectedEvent::getPeer)
			.satisfies((announced) -> {
				assertThat(announced.nodeId()).isEqualTo(kept.nodeId());
				assertThat(announced.connectedAt()).isEqualTo(kept.connectedAt());
			});
	}

	private static void sight(TestNode seer, TestNode seen, int relayPort) {
		Sighting sighting = new Sighting("test", seen.id(), List.of(new InetSocketAddress("127.0.0.1", relayPort)));
		seer.context().getBean(Mesh.class).sighted(sighting);
	}

}
