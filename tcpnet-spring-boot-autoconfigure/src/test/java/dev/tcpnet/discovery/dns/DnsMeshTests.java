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

package dev.tcpnet.discovery.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real nodes, with mDNS off, that find each other through a real DNS server (dnsmasq on
 * 127.0.0.1, see {@link Dnsmasq}). Skipped when dnsmasq is not installed.
 */
class DnsMeshTests {

	private static final String SERVICE = "_tcpnet._tcp.mesh." + Dnsmasq.DOMAIN;

	private static final String TARGET = "mesh." + Dnsmasq.DOMAIN;

	private static final String NODES = "nodes." + Dnsmasq.DOMAIN;

	private final String cluster = "dns-" + UUID.randomUUID();

	private final List<TestNode> nodes = new ArrayList<>();

	private Dnsmasq dnsmasq;

	@BeforeEach
	void startDnsmasq(@TempDir Path directory) throws IOException {
		Dnsmasq.assumeInstalled();
		this.dnsmasq = Dnsmasq.start(directory);
	}

	@AfterEach
	void stop() {
		this.nodes.forEach(TestNode::close);
		if (this.dnsmasq != null) {
			this.dnsmasq.close();
		}
	}

	@Test
	void nodesListedBySrvRecordsFormAFullMeshThatOutlivesTheirRecords() throws IOException {
		this.dnsmasq.addHost(TARGET, "127.0.0.1");
		List<TestNode> mesh = List.of(startNode(srvDiscovery()), startNode(srvDiscovery()), startNode(srvDiscovery()));
		for (TestNode node : mesh) {
			this.dnsmasq.addSrv(SERVICE, TARGET, node.port());
		}
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(mesh).allSatisfy((node) -> assertThat(node.tcpnet().peers()).hasSize(2)));
		TestNode removed = mesh.get(2);
		this.dnsmasq.removeSrv(SERVICE, TARGET, removed.port());
		await().untilAsserted(
				() -> assertThat(mesh.get(0).bean(DnsPeerDiscovery.class).details()).extractingByKey("addresses")
					.asInstanceOf(InstanceOfAssertFactories.LIST)
					.hasSize(2)
					.doesNotContain("127.0.0.1:" + removed.port()));
		long queries = this.dnsmasq.queries(SERVICE, "SRV");
		// Each node looks the name up about three more times without the record
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.dnsmasq.queries(SERVICE, "SRV") >= queries + 3 * mesh.size());
		assertThat(mesh).allSatisfy((node) -> {
			assertThat(node.tcpnet().peers()).hasSize(2);
			assertThat(node.connectedEventIds()).hasSize(2).doesNotHaveDuplicates();
			assertThat(node.disconnects()).isEmpty();
		});
	}

	/**
	 * Prints how long a node takes to connect to a peer whose A record was just added,
	 * with a refresh interval of 1s: nodes share a port on distinct loopback addresses,
	 * as pods of a headless service do, and the record arrives through dnsmasq's watched
	 * hosts directory.
	 */
	@Test
	void addressAddedWhileRunningIsDialedOnTheNextRefresh() throws IOException {
		int port = freePort();
		this.dnsmasq.addHost(NODES, "127.0.0.1");
		TestNode watcher = startNode("tcpnet.server.port=" + port, "tcpnet.discovery.dns.name=" + NODES,
				"tcpnet.discovery.dns.port=" + port, "tcpnet.discovery.dns.server=" + this.dnsmasq.server(),
				"tcpnet.discovery.dns.refresh-interval=1s");
		List<String> figures = new ArrayList<>();
		for (int i = 2; i <= 4; i++) {
			String address = "127.0.0." + i;
			TestNode added = startNode("tcpnet.server.address=" + address, "tcpnet.server.port=" + port);
			this.dnsmasq.addHost(NODES, address);
			long recordAdded = System.currentTimeMillis();
			long queries = this.dnsmasq.queries(NODES, "A");
			await().pollInterval(Duration.ofMillis(5)).until(() -> this.dnsmasq.queries(NODES, "A") > queries);
			long lookedUp = System.currentTimeMillis();
			NodeId id = added.id();
			await().atMost(Duration.ofSeconds(10)).until(() -> watcher.connectedEventIds().contains(id));
			long connected = connectedAt(watcher, id);
			figures.add((connected - recordAdded) + " ms (next lookup after " + (lookedUp - recordAdded)
					+ " ms, connected " + (connected - lookedUp) + " ms later)");
		}
		System.out.println("DNS record added -> peer connected, refresh interval 1s: " + figures);
		assertThat(watcher.tcpnet().peers()).hasSize(3);
	}

	private List<String> srvDiscovery() {
		return List.of("tcpnet.discovery.dns.name=" + SERVICE, "tcpnet.discovery.dns.server=" + this.dnsmasq.server(),
				"tcpnet.discovery.dns.refresh-interval=1s");
	}

	private TestNode startNode(List<String> properties) {
		return startNode(properties.toArray(String[]::new));
	}

	private TestNode startNode(String... properties) {
		List<String> all = new ArrayList<>(
				List.of("tcpnet.discovery.mdns.enabled=false", "tcpnet.cluster=" + this.cluster));
		all.addAll(List.of(properties));
		TestNode node = TestNode.start(all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

	private static long connectedAt(TestNode node, NodeId id) {
		return node.events(PeerConnectedEvent.class)
			.stream()
			.filter((event) -> event.getPeer().nodeId().equals(id))
			.findFirst()
			.orElseThrow()
			.getTimestamp();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
