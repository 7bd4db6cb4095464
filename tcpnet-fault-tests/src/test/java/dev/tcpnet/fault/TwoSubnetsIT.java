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

package dev.tcpnet.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Five driver processes on two subnets joined by a router ({@link NetLab#createRouted}):
 * {@code h1}, {@code h2} on subnet A, {@code h3}, {@code h4}, {@code h5} on subnet B.
 * mDNS (with default interface selection) reaches only the hosts of a node's own subnet,
 * since the router forwards unicast and no multicast; one static seed of {@code h5}
 * pointing at {@code h1}, plus peer exchange, must make one mesh of all five.
 *
 * <p>
 * Run alone: {@code ./mvnw -B -pl tcpnet-fault-tests -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=TwoSubnetsIT -Dfailsafe.failIfNoSpecifiedTests=false}
 * (as root).
 *
 * <p>
 * The tests run in order: the first starts nothing and checks the two subnets apart,
 * before the second starts {@code h5}, the only node with a seed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoSubnetsIT {

	/** How long the subnets must stay apart: many mDNS announcements and queries long. */
	private static final Duration APART = Duration.ofSeconds(5);

	private static final List<String> SUBNET_A = List.of("h1", "h2");

	private static final List<String> SUBNET_B = List.of("h3", "h4", "h5");

	private static final FaultFigures figures = new FaultFigures();

	private static final Map<String, DriverNode> nodes = new LinkedHashMap<>();

	private static NetLab lab;

	private static Path jar;

	private static List<String> common;

	@BeforeAll
	static void startAllButTheSeededNode() {
		NetLab.assumeAvailable();
		jar = Path.of(System.getProperty("fault.driver.jar", "target/tcpnet-fault-driver.jar"));
		assertThat(jar).as("the packaged fault driver (run 'package' first)").isRegularFile();
		lab = NetLab.createRouted(SUBNET_A.size(), SUBNET_B.size());
		String cluster = "tcpnet-subnets-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
		// The drivers exit when this JVM goes (their standard input closes), and after 10
		// minutes
		// whatever happens.
		common = List.of("--tcpnet.cluster=" + cluster, "--fault.exit-on-stdin-eof=true", "--fault.max-lifetime=10m");
		System.out.println("TwoSubnetsIT: hosts " + lab.hosts() + ", cluster " + cluster);
		long start = System.currentTimeMillis();
		for (String id : List.of("h1", "h2", "h3", "h4")) {
			start(id, common);
		}
		nodes.values().forEach(DriverNode::pid);
		figures.ms("setup", "4 JVMs launched -> all READY", System.currentTimeMillis() - start);
	}

	@AfterAll
	static void tearDown() {
		if (lab != null) {
			figures.printAll(Path.of(System.getProperty("build.directory", "target"), "two-subnets-figures.txt"));
			lab.close();
		}
	}

	@Test
	@Order(1)
	void mdnsFindsTheNodesOfItsOwnSubnetAndNoneBeyondTheRouter() {
		long ready = System.currentTimeMillis();
		// No node has a seed: only mDNS can make these pairs.
		awaitPeers(Map.of("h1", List.of("h2"), "h2", List.of("h1"), "h3", List.of("h4"), "h4", List.of("h3")));
		figures.ms("1 apart", "all READY -> each subnet meshed over mDNS", System.currentTimeMillis() - ready);
		// Every node has seen its neighbours' records, so the other subnet's would have
		// come by
		// now, and would be dialed (the second test shows the router carries such
		// connections).
		await().during(APART).atMost(APART.plusSeconds(5)).untilAsserted(TwoSubnetsIT::noConnectionAcrossSubnets);
	}

	@Test
	@Order(2)
	void oneSeedAcrossTheRouterAndPeerExchangeMakeOneMesh() {
		DriverNode h1 = nodes.get("h1");
		String seed = h1.host().address() + ":"
				+ h1.awaitLine("EVENT", (line) -> line.is("type", "STARTED"), Duration.ofSeconds(30)).number("port");
		long launched = System.currentTimeMillis();
		DriverNode h5 = start("h5", concat(common, "--tcpnet.discovery.static.peers=" + seed));
		h5.pid();
		long ready = System.currentTimeMillis();
		Map<String, List<String>> everyone = new LinkedHashMap<>();
		for (String id : nodes.keySet()) {
			everyone.put(id, nodes.keySet().stream().filter((other) -> !other.equals(id)).toList());
		}
		awaitPeers(everyone);
		figures.ms("2 joined", "h5 launched -> READY", ready - launched);
		figures.ms("2 joined", "h5 READY -> full mesh of 5", System.currentTimeMillis() - ready);
		// h2 was told of no seed and hears no multicast from B: peer exchange alone
		// brought it
		// h3, h4 and h5 (the full mesh above includes them; said once more for the
		// reader).
		assertThat(nodes.get("h2").peers()).containsAll(SUBNET_B);
		assertConnectionsAcrossAreRouted();
	}

	// The connection of each pair across the router carries the other end's own address:
	// routed,
	// not translated, so what peer exchange tells is reachable from the other subnet.
	private static void assertConnectionsAcrossAreRouted() {
		for (String a : SUBNET_A) {
			for (String b : SUBNET_B) {
				assertThat(remoteAddress(a, b)).as("address %s sees for %s", a, b)
					.isEqualTo(nodes.get(b).host().address());
				assertThat(remoteAddress(b, a)).as("address %s sees for %s", b, a)
					.isEqualTo(nodes.get(a).host().address());
			}
		}
	}

	// The remote of the first CONNECTED event, written [NAME]/ADDRESS:PORT
	private static String remoteAddress(String observer, String peer) {
		String remote = nodes.get(observer).awaitEvent("CONNECTED", peer, 0, Duration.ofSeconds(5)).get("remote");
		assertThat(remote).as("remote of %s at %s", peer, observer).isNotNull().contains("/");
		return remote.substring(remote.indexOf('/') + 1, remote.lastIndexOf(':'));
	}

	private static void noConnectionAcrossSubnets() {
		for (DriverNode node : nodes.values()) {
			List<String> others = SUBNET_A.contains(node.id()) ? SUBNET_B : SUBNET_A;
			List<Line> across = node.lines("EVENT",
					(line) -> line.is("type", "CONNECTED") && others.contains(line.get("peer")));
			assertThat(across).as("%s's connections to the other subnet", node.id()).isEmpty();
		}
	}

	private static void awaitPeers(Map<String, List<String>> expected) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			for (Map.Entry<String, List<String>> entry : expected.entrySet()) {
				assertThat(nodes.get(entry.getKey()).peers()).as("peers of %s", entry.getKey())
					.containsExactlyInAnyOrderElementsOf(entry.getValue());
			}
		});
	}

	private static DriverNode start(String id, List<String> properties) {
		NetLab.Host host = lab.hosts().stream().filter((h) -> h.name().equals(id)).findFirst().orElseThrow();
		DriverNode node = DriverNode.start(lab, host, id, jar, properties);
		nodes.put(id, node);
		return node;
	}

	private static List<String> concat(List<String> list, String more) {
		List<String> all = new ArrayList<>(list);
		all.add(more);
		return all;
	}

}
