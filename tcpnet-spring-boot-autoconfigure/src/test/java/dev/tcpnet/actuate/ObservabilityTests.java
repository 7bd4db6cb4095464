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

package dev.tcpnet.actuate;

import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import dev.tcpnet.actuate.TcpnetEndpoint.NodeDescriptor;
import dev.tcpnet.actuate.TcpnetEndpoint.PeerDescriptor;
import dev.tcpnet.metrics.TcpnetMeters;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint, health and meters of a real two-node mesh on loopback show what really
 * happens.
 */
class ObservabilityTests {

	private final List<TestNode> nodes = new ArrayList<>();

	private final String cluster = "obs-" + NodeId.random().shortForm();

	private TestNode a;

	private TestNode b;

	@BeforeEach
	void startMesh() {
		this.a = start("tcpnet.node-id=alpha", "tcpnet.health.min-peers=1");
		this.b = start("tcpnet.node-id=bravo", "tcpnet.discovery.static.peers=" + this.a.seed());
		await().untilAsserted(() -> assertThat(this.a.tcpnet().peers()).hasSize(1));
		await().untilAsserted(() -> assertThat(this.b.tcpnet().peers()).hasSize(1));
	}

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void endpointShowsNodeDiscoveryAndPeerWithTraffic() {
		this.b.tcpnet().send(NodeId.of("alpha"), "t", "12345");
		await().untilAsserted(() -> assertThat(this.a.messages()).containsExactly("12345"));
		NodeDescriptor node = this.a.bean(TcpnetEndpoint.class).node();
		assertThat(node.nodeId()).isEqualTo("alpha");
		assertThat(node.port()).isEqualTo(this.a.port());
		assertThat(node.addresses()).containsExactly("127.0.0.1");
		assertThat(node.discovery()).singleElement().satisfies((d) -> {
			assertThat(d.mechanism()).isEqualTo("mdns");
			assertThat(d.details().get("interfaces")).isEqualTo(List.of("127.0.0.1"));
		});
		assertThat(node.peerCount()).isEqualTo(1);
		assertThat(node.peers()).singleElement().satisfies((peer) -> {
			assertThat(peer.nodeId()).isEqualTo("bravo");
			assertThat(peer.address()).isEqualTo("127.0.0.1");
			assertThat(peer.port()).isEqualTo(this.b.port());
			assertThat(peer.messagesIn()).isEqualTo(1);
			assertThat(peer.bytesIn()).isEqualTo(5);
			assertThat(peer.lastSeen()).isAfterOrEqualTo(peer.connectedSince());
		});
		PeerDescriptor bravoSeenByBravo = this.b.bean(TcpnetEndpoint.class).peer("alpha");
		assertThat(bravoSeenByBravo).isNotNull();
		await().untilAsserted(
				() -> assertThat(this.b.bean(TcpnetEndpoint.class).peer("alpha").messagesOut()).isEqualTo(1));
		assertThat(this.b.bean(TcpnetEndpoint.class).node().discovery())
			.extracting(TcpnetEndpoint.DiscoveryDescriptor::mechanism)
			.containsExactlyInAnyOrder("mdns", "static");
	}

	@Test
	void endpointHasNoPeerForUnknownOrMalformedIds() {
		assertThat(this.a.bean(TcpnetEndpoint.class).peer("nobody")).isNull();
		assertThat(this.a.bean(TcpnetEndpoint.class).peer("not a node id!")).isNull();
	}

	@Test
	void healthIsUpWithEnoughPeersAndOutOfServiceWithout() {
		HealthIndicator health = this.a.context().getBean("tcpnetHealthIndicator", HealthIndicator.class);
		assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
		assertThat(health.health(true).getDetails()).containsEntry("peers", 1);
		this.b.close();
		this.nodes.remove(this.b);
		await().untilAsserted(() -> assertThat(health.health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE));
	}

	@Test
	void metersFollowPeersMessagesAndLeaving() {
		MeterRegistry meters = this.a.bean(MeterRegistry.class);
		assertThat(meters.get(TcpnetMeters.PEERS).gauge().value()).isEqualTo(1);
		double receivedBefore = meters.get(TcpnetMeters.MESSAGES_RECEIVED).functionCounter().count();
		this.b.tcpnet().broadcast("t", "xyz");
		this.a.tcpnet().broadcast("t", "abcd");
		await().untilAsserted(() -> {
			assertThat(meters.get(TcpnetMeters.MESSAGES_RECEIVED).functionCounter().count())
				.isEqualTo(receivedBefore + 1);
			assertThat(meters.get(TcpnetMeters.BYTES_RECEIVED).functionCounter().count()).isEqualTo(3);
			assertThat(meters.get(TcpnetMeters.MESSAGES_SENT).functionCounter().count()).isEqualTo(1);
			assertThat(meters.get(TcpnetMeters.BYTES_SENT).functionCounter().count()).isEqualTo(4);
		});
		// Two nodes of one host: over their Unix-domain sockets where the platform has
		// them
		String transport = this.a.tcpnet().peers().get(0).transport();
		assertThat(meters.get(TcpnetMeters.CONNECTIONS_OPENED)
			.tags(TcpnetMeters.DIRECTION, "inbound", TcpnetMeters.TRANSPORT, transport)
			.functionCounter()
			.count()).isGreaterThanOrEqualTo(1);
		assertThat(meters.get(TcpnetMeters.DISCOVERY_SIGHTINGS).tags(TcpnetMeters.MECHANISM, "mdns").functionCounter())
			.isNotNull();
		this.b.close();
		this.nodes.remove(this.b);
		await().untilAsserted(() -> {
			assertThat(meters.get(TcpnetMeters.PEERS).gauge().value()).isZero();
			assertThat(meters.get(TcpnetMeters.CONNECTIONS_CLOSED)
				.tags(TcpnetMeters.REASON, "left", TcpnetMeters.TRANSPORT, transport)
				.functionCounter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void heartbeatsMeasureTheRoundTrip() {
		// Idle peers ping every second; the pongs give each peer's round-trip time.
		await()
			.untilAsserted(() -> assertThat(this.a.bean(TcpnetEndpoint.class).peer("bravo").rttMillis()).isNotNull());
		MeterRegistry meters = this.a.bean(MeterRegistry.class);
		assertThat(meters.get(TcpnetMeters.RTT_MAX).gauge().value()).isGreaterThanOrEqualTo(0);
	}

	@Test
	void refusedHandshakesAreCountedByReason() throws Exception {
		MeterRegistry meters = this.a.bean(MeterRegistry.class);
		try (Socket stranger = new Socket("127.0.0.1", this.a.port())) {
			stranger.setSoTimeout(10_000);
			OutputStream out = stranger.getOutputStream();
			out.write("GET / HTTP/1.1\r\n\r\n".getBytes());
			out.flush();
			// The node sends its own preface and hello, then closes on our wrong magic.
			stranger.getInputStream().readAllBytes();
		}
		catch (SocketException resetByTheNode) {
			// closing with unread input resets the connection: also a close
		}
		await().untilAsserted(() -> {
			assertThat(meters.get(TcpnetMeters.HANDSHAKES_REJECTED)
				.tags(TcpnetMeters.REASON, "magic")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(meters.get(TcpnetMeters.CONNECTIONS_CLOSED)
				.tags(TcpnetMeters.REASON, "rejected", TcpnetMeters.TRANSPORT, "tcp")
				.functionCounter()
				.count()).isGreaterThanOrEqualTo(1);
		});
		assertThat(this.a.tcpnet().peers()).hasSize(1);
	}

	private TestNode start(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("tcpnet.cluster=" + this.cluster);
		all.add("management.endpoints.web.exposure.include=tcpnet,health");
		TestNode node = TestNode.start(all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

}
