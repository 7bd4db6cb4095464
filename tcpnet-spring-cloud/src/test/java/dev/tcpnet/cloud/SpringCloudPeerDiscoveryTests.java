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

package dev.tcpnet.cloud;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;

import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SpringCloudPeerDiscovery} over Spring Cloud's own simple (property
 * based) {@code DiscoveryClient}; {@link EurekaMeshTests} runs it over a real Eureka.
 */
class SpringCloudPeerDiscoveryTests {

	private final SimpleDiscoveryProperties registry = new SimpleDiscoveryProperties();

	private final List<Sighting> sightings = new CopyOnWriteArrayList<>();

	private final LocalNode self = new LocalNode(NodeId.of("self"), "orders", 1, 40000,
			List.of(InetAddress.getLoopbackAddress()));

	private SpringCloudPeerDiscovery discovery = discovery(0);

	@AfterEach
	void stop() {
		this.discovery.stop();
	}

	@Test
	void reportsEachInstanceAtTheTcpnetPortOfItsMetadataButItself() {
		instance("a", "127.0.0.1", Map.of("tcpnet-port", "40001", "tcpnet-node-id", "node-a"));
		instance("b", "127.0.0.1", Map.of("tcpnet-port", "40002"));
		instance("self", "127.0.0.1", Map.of("tcpnet-port", "40000", "tcpnet-node-id", "self"));
		this.discovery.start(this.self, this.sightings::add);
		await().untilAsserted(() -> assertThat(this.sightings).hasSizeGreaterThanOrEqualTo(2));
		assertThat(List.copyOf(this.sightings).subList(0, 2)).containsExactly(
				new Sighting("spring-cloud", NodeId.of("node-a"), List.of(loopback(40001))),
				new Sighting("spring-cloud", null, List.of(loopback(40002))));
		assertThat(this.discovery.details()).containsEntry("serviceId", "orders")
			.containsEntry("addresses", List.of("127.0.0.1:40001", "127.0.0.1:40002"));
	}

	@Test
	void instancesWithoutPortAreSkippedUnlessADefaultPortIsSet() {
		instance("a", "127.0.0.1", Map.of());
		instance("b", "127.0.0.1", Map.of("tcpnet-port", "not-a-port"));
		instance("c", "127.0.0.1", Map.of("tcpnet-port", "40003"));
		this.discovery.start(this.self, this.sightings::add);
		await().untilAsserted(() -> assertThat(this.sightings).isNotEmpty());
		assertThat(this.sightings.get(0).addresses()).containsExactly(loopback(40003));
		this.discovery.stop();
		this.sightings.clear();
		this.discovery = discovery(45000);
		this.discovery.start(this.self, this.sightings::add);
		await().untilAsserted(() -> assertThat(this.sightings).hasSizeGreaterThanOrEqualTo(2));
		assertThat(List.copyOf(this.sightings).subList(0, 2)).flatExtracting(Sighting::addresses)
			.containsExactly(loopback(45000), loopback(40003));
	}

	@Test
	void laterInstancesAreReportedAtTheNextRefresh() {
		this.discovery.start(this.self, this.sightings::add);
		instance("a", "127.0.0.1", Map.of("tcpnet-port", "40001"));
		await().untilAsserted(() -> assertThat(this.sightings).isNotEmpty());
	}

	@Test
	void aFailingClientIsAskedAgain() {
		int[] calls = new int[1];
		this.discovery = new SpringCloudPeerDiscovery(() -> {
			if (calls[0]++ == 0) {
				throw new IllegalStateException("registry down");
			}
			return new SimpleDiscoveryClient(this.registry);
		}, "orders", "tcpnet-port", 0, Duration.ofMillis(50));
		instance("a", "127.0.0.1", Map.of("tcpnet-port", "40001"));
		this.discovery.start(this.self, this.sightings::add);
		await().untilAsserted(() -> assertThat(this.sightings).isNotEmpty());
	}

	@Test
	void thePeersTcpnetItselfListsAreNotReported() {
		Peer peer = new Peer(NodeId.of("peer-1"), "orders", loopback(40001), 40001, Direction.OUTBOUND, Instant.now(),
				Map.of("http-port", "8080", "tcpnet-port", "40001"));
		TcpnetDiscoveryClient tcpnetClient = new TcpnetDiscoveryClient(new FixedPeerRegistry(List.of(peer)), "orders",
				100);
		AtomicInteger calls = new AtomicInteger();
		this.discovery = new SpringCloudPeerDiscovery(() -> {
			calls.incrementAndGet();
			return tcpnetClient;
		}, "orders", "tcpnet-port", 0, Duration.ofMillis(50));
		this.discovery.start(this.self, this.sightings::add);
		await().untilAsserted(() -> assertThat(calls).hasValueGreaterThan(2));
		assertThat(this.sightings).isEmpty();
	}

	@Test
	void invalidSettingsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SpringCloudPeerDiscovery(this::client, " ", "k", 0, Duration.ofSeconds(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SpringCloudPeerDiscovery(this::client, "s", "k", 65536, Duration.ofSeconds(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SpringCloudPeerDiscovery(this::client, "s", "k", 0, Duration.ZERO));
	}

	private SpringCloudPeerDiscovery discovery(int defaultPort) {
		return new SpringCloudPeerDiscovery(this::client, "orders", "tcpnet-port", defaultPort, Duration.ofMillis(50));
	}

	private SimpleDiscoveryClient client() {
		return new SimpleDiscoveryClient(this.registry);
	}

	private void instance(String id, String host, Map<String, String> metadata) {
		InstanceProperties instance = new InstanceProperties();
		instance.setInstanceId(id);
		instance.setServiceId("orders");
		instance.setHost(host);
		instance.setPort(8080);
		instance.setMetadata(metadata);
		this.registry.getInstances().computeIfAbsent("orders", (key) -> new CopyOnWriteArrayList<>()).add(instance);
	}

	private static InetSocketAddress loopback(int port) {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
	}

}
