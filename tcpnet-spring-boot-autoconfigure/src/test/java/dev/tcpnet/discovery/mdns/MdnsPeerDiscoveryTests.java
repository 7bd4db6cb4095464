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

package dev.tcpnet.discovery.mdns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import javax.jmdns.impl.JmDNSImpl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MdnsPeerDiscovery} with real JmDNS instances, all bound to 127.0.0.1
 * so that nothing leaves this machine.
 */
class MdnsPeerDiscoveryTests {

	private static final String SERVICE_TYPE = "_tcpnet._tcp.local.";

	private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(20);

	/** A cluster of its own per test run, so that other runs on this machine stay out. */
	private final String cluster = "alpha-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<Node> nodes = new ArrayList<>();

	private final List<JmDNS> browsers = new ArrayList<>();

	@AfterEach
	void stopEverything() {
		List<Thread> stoppers = new ArrayList<>();
		for (Node node : this.nodes) {
			stoppers.add(inBackground(node::stopTimed));
		}
		for (JmDNS browser : this.browsers) {
			stoppers.add(inBackground(() -> close(browser)));
		}
		stoppers.forEach(MdnsPeerDiscoveryTests::join);
	}

	@Test
	void nodesOfOneClusterStartedTogetherSeeEachOther() {
		long started = System.nanoTime();
		Node a = start("node-a", this.cluster, 40001);
		Node b = start("node-b", this.cluster, 40002);
		await().atMost(DISCOVERY_TIMEOUT).until(() -> a.hasSeen(b) && b.hasSeen(a));
		System.out.printf("Two nodes started together saw each other after %d ms%n", millisSince(started));
		assertThat(a.sightingsOf(b)).first().isEqualTo(sighting(b));
		assertThat(b.sightingsOf(a)).first().isEqualTo(sighting(a));
	}

	@Test
	void nodeDoesNotReportItself() {
		Node a = start("node-a", this.cluster, 40001);
		Node b = start("node-b", this.cluster, 40002);
		await().atMost(DISCOVERY_TIMEOUT).until(() -> a.hasSeen(b) && b.hasSeen(a));
		// Each JmDNS resolves its own service and hears its own probes
		assertThat(a.sightings).allSatisfy((sighting) -> assertThat(sighting).matches(b::isAt));
		assertThat(b.sightings).allSatisfy((sighting) -> assertThat(sighting).matches(a::isAt));
	}

	@Test
	void nodeIsSightedAtItsProbesBeforeItCanBeResolved() {
		Node a = start("node-a", this.cluster, 40001);
		awaitAdvertised(a);
		Node b = start("node-b", this.cluster, 40002);
		await().atMost(DISCOVERY_TIMEOUT).until(() -> a.hasSeen(b));
		// Node id unknown: a probe has no TXT record
		assertThat(a.sightings.get(0)).isEqualTo(
				new Sighting(MdnsPeerDiscovery.MECHANISM, null, List.of(new InetSocketAddress(loopback(), 40002))));
		assertThat(a.sightings).last().isEqualTo(sighting(b));
	}

	@Test
	void nodeStartedLaterSeesRunningNodeQuickly() {
		Node a = start("node-a", this.cluster, 40001);
		awaitAdvertised(a);
		long started = System.nanoTime();
		Node b = start("node-b", this.cluster, 40002);
		await().atMost(DISCOVERY_TIMEOUT).until(() -> b.hasSeen(a));
		System.out.printf("A node started later saw the running node after %d ms%n", millisSince(started));
		assertThat(b.sightingsOf(a)).first().isEqualTo(sighting(a));
		await().atMost(DISCOVERY_TIMEOUT).until(() -> a.hasSeen(b));
		System.out.printf("The running node saw the later node after %d ms%n", millisSince(started));
	}

	@Test
	void nodesOfOtherClustersAreIgnored() {
		Node stranger = start("node-x", "beta-" + this.cluster, 40003);
		awaitAdvertised(stranger);
		Node a = start("node-a", this.cluster, 40001);
		Node b = start("node-b", this.cluster, 40002);
		await().atMost(DISCOVERY_TIMEOUT).until(() -> a.hasSeen(b) && b.hasSeen(a));
		// By now a and b have long resolved the stranger, which was announced before they
		// started
		assertThat(a.sightings).noneMatch(stranger::isAt);
		assertThat(b.sightings).noneMatch(stranger::isAt);
		// Nor does the stranger dial a or b when they probe
		assertThat(stranger.sightings).isEmpty();
	}

	@Test
	void advertisesNodeIdClusterAndProtocolVersionInTxtRecord() {
		Node a = start("node-a", this.cluster, 40001);
		ServiceInfo info = awaitAdvertised(a);
		assertThat(info.getPropertyString("id")).isEqualTo("node-a");
		assertThat(info.getPropertyString("cluster")).isEqualTo(this.cluster);
		assertThat(info.getPropertyString("proto")).isEqualTo("7");
		assertThat(info.getPort()).isEqualTo(40001);
		assertThat(info.getInetAddresses()).containsExactly(loopback());
	}

	@Test
	void advertisesMetadataInTxtRecordLeavingOutEntriesTooLongForATxtString() {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("zone", "eu-west-1a");
		metadata.put("http-port", "8080");
		metadata.put("long", "x".repeat(251));
		metadata.put("id", "not-the-node-id");
		Node a = new Node(new MdnsPeerDiscovery(List.of("127.0.0.1"), SERVICE_TYPE, 7, () -> metadata, List.of()),
				localNode("node-a", this.cluster, 40001));
		this.nodes.add(a);
		a.start();
		ServiceInfo info = awaitAdvertised(a);
		assertThat(info.getPropertyString("zone")).isEqualTo("eu-west-1a");
		assertThat(info.getPropertyString("http-port")).isEqualTo("8080");
		// "long=" and 251 bytes are 256, one more than a TXT string holds
		assertThat(info.getPropertyString("long")).isNull();
		// tcpnet's own keys win
		assertThat(info.getPropertyString("id")).isEqualTo("node-a");
	}

	@Test
	void addressesAreThoseJmdnsRunsOnWhileStarted() {
		MdnsPeerDiscovery discovery = new MdnsPeerDiscovery(List.of("127.0.0.1"), SERVICE_TYPE, 7);
		assertThat(discovery.addresses()).isEmpty();
		Node a = new Node(discovery, localNode("node-a", this.cluster, 40001));
		this.nodes.add(a);
		a.start();
		assertThat(discovery.addresses()).containsExactly(loopback());
		a.stopTimed();
		assertThat(discovery.addresses()).isEmpty();
	}

	@Test
	void instanceNamesAreAsUniqueAsNodeIdsAndFitALabel() {
		LocalNode one = new LocalNode(NodeId.of("orders-service-1"), "shop", 1, 7000, List.of());
		LocalNode two = new LocalNode(NodeId.of("orders-service-2"), "shop", 1, 7000, List.of());
		assertThat(MdnsPeerDiscovery.instanceName(one)).isEqualTo("shop-orders-service-1");
		assertThat(MdnsPeerDiscovery.instanceName(two)).isEqualTo("shop-orders-service-2");
		String head = "n".repeat(60);
		LocalNode longOne = new LocalNode(NodeId.of(head + "1"), "c".repeat(63), 1, 7000, List.of());
		LocalNode longTwo = new LocalNode(NodeId.of(head + "2"), "c".repeat(63), 1, 7000, List.of());
		assertThat(MdnsPeerDiscovery.instanceName(longOne)).hasSizeLessThanOrEqualTo(63)
			.isNotEqualTo(MdnsPeerDiscovery.instanceName(longTwo));
	}

	@Test
	void stopIsIdempotentAndWorksBeforeStart() {
		MdnsPeerDiscovery discovery = new MdnsPeerDiscovery(List.of("127.0.0.1"), SERVICE_TYPE, 7);
		discovery.stop();
		discovery.start(localNode("node-a", this.cluster, 40001), (sighting) -> {
		});
		discovery.stop();
		discovery.stop();
		assertThat(discovery.addresses()).isEmpty();
	}

	@Test
	void jmdnsStartsOffTheCallersThreadSoThatTheApplicationsStartDoesNotWaitForIt() {
		List<String> customizedOn = new CopyOnWriteArrayList<>();
		TcpnetMdnsCustomizer customizer = (jmdns, service) -> customizedOn.add(Thread.currentThread().getName());
		Node a = new Node(new MdnsPeerDiscovery(List.of("127.0.0.1"), SERVICE_TYPE, 7, Map::of, List.of(customizer)),
				localNode("node-a", this.cluster, 40001));
		this.nodes.add(a);
		a.start();
		awaitAdvertised(a);
		assertThat(customizedOn).containsExactly("tcpnet-mdns-start");
	}

	@Test
	void jmdnsAsksForAReceiveBufferLargeEnoughForTheAnswersOfAWholeCluster() throws IOException {
		List<Integer> bufferSizes = new CopyOnWriteArrayList<>();
		TcpnetMdnsCustomizer customizer = (jmdns, service) -> bufferSizes
			.add(receiveBufferSize(((JmDNSImpl) jmdns).getSocket()));
		Node a = new Node(new MdnsPeerDiscovery(List.of("127.0.0.1"), SERVICE_TYPE, 7, Map::of, List.of(customizer)),
				localNode("node-a", this.cluster, 40001));
		this.nodes.add(a);
		a.start();
		// Linux caps the request at net.core.rmem_max and reports twice what it grants
		// (Files.readString reads one byte of a file of /proc/sys, which says it is
		// empty)
		int cap = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).get(0).trim());
		await().atMost(DISCOVERY_TIMEOUT)
			.untilAsserted(() -> assertThat(bufferSizes).singleElement()
				.satisfies((size) -> assertThat(size)
					.isGreaterThanOrEqualTo(Math.min(MdnsPeerDiscovery.RECEIVE_BUFFER_BYTES, cap))));
	}

	@Test
	void aStopWhileJmdnsIsStartingLeavesNoJmdnsRunning() {
		String host = MdnsPeerDiscovery.hostName(localNode("node-a", this.cluster, 40001));
		for (int i = 0; i < 3; i++) {
			MdnsPeerDiscovery discovery = new MdnsPeerDiscovery(List.of("127.0.0.1"), SERVICE_TYPE, 7);
			discovery.start(localNode("node-a", this.cluster, 40001), (sighting) -> {
			});
			discovery.stop();
		}
		// JmDNS names its threads after its host name
		await().atMost(DISCOVERY_TIMEOUT)
			.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
				.noneMatch((thread) -> thread.isAlive() && thread.getName().contains(host)));
	}

	@Test
	void startFailsNamingThePropertyWhenNoInterfaceMatches() {
		MdnsPeerDiscovery discovery = new MdnsPeerDiscovery(List.of("no-such-interface0"), SERVICE_TYPE, 7);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> discovery.start(localNode("node-a", this.cluster, 40001), (sighting) -> {
			}))
			.withMessageContaining("tcpnet.discovery.mdns.interfaces")
			.withMessageContaining("no-such-interface0");
		assertThat(discovery.addresses()).isEmpty();
	}

	private Node start(String id, String cluster, int port) {
		Node node = new Node(new MdnsPeerDiscovery(List.of("127.0.0.1"), SERVICE_TYPE, 7),
				localNode(id, cluster, port));
		this.nodes.add(node);
		node.start();
		return node;
	}

	/**
	 * Waits until a plain JmDNS browser on 127.0.0.1 resolves the node's service, which
	 * happens once the node has finished announcing it.
	 */
	private ServiceInfo awaitAdvertised(Node node) {
		JmDNS browser = browser();
		return await().atMost(DISCOVERY_TIMEOUT)
			.until(() -> Arrays.stream(browser.list(SERVICE_TYPE, 500))
				.filter((info) -> node.id().value().equals(info.getPropertyString("id")))
				// The TXT record may be resolved before the address records.
				.filter((info) -> info.getInetAddresses().length > 0)
				.findFirst()
				.orElse(null), Objects::nonNull);
	}

	private JmDNS browser() {
		try {
			JmDNS browser = JmDNS.create(loopback(), "tcpnet-test-browser");
			this.browsers.add(browser);
			return browser;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Sighting sighting(Node node) {
		return new Sighting("mdns", node.id(), List.of(new InetSocketAddress(loopback(), node.self.port())));
	}

	private static LocalNode localNode(String id, String cluster, int port) {
		return new LocalNode(NodeId.of(id), cluster, System.currentTimeMillis(), port, List.of(loopback()));
	}

	private static InetAddress loopback() {
		try {
			return InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int receiveBufferSize(MulticastSocket socket) {
		try {
			return socket.getReceiveBufferSize();
		}
		catch (SocketException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long millisSince(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
	}

	private static void close(JmDNS jmdns) {
		try {
			jmdns.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Thread inBackground(Runnable task) {
		Thread thread = new Thread(task);
		thread.start();
		return thread;
	}

	private static void join(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Node(MdnsPeerDiscovery discovery, LocalNode self, List<Sighting> sightings) {

		Node(MdnsPeerDiscovery discovery, LocalNode self) {
			this(discovery, self, new CopyOnWriteArrayList<>());
		}

		void start() {
			this.discovery.start(this.self, this.sightings::add);
		}

		NodeId id() {
			return this.self.nodeId();
		}

		boolean hasSeen(Node other) {
			return !sightingsOf(other).isEmpty();
		}

		/**
		 * Tells whether a sighting is of this node, by node id or, from a probe, by port.
		 */
		boolean isAt(Sighting sighting) {
			return (sighting.nodeId() != null) ? id().equals(sighting.nodeId())
					: sighting.addresses().stream().allMatch((address) -> address.getPort() == this.self.port());
		}

		List<Sighting> sightingsOf(Node other) {
			return this.sightings.stream().filter((sighting) -> other.id().equals(sighting.nodeId())).toList();
		}

		void stopTimed() {
			long started = System.nanoTime();
			this.discovery.stop();
			System.out.printf("Stopping node %s took %d ms%n", id(), millisSince(started));
		}

	}

}
