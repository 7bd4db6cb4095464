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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nodes of one host in separate JVMs talk over their Unix-domain sockets; a node of
 * another network namespace (another "host" of a {@link NetLab}) talks to them over TCP.
 * Every node finds the others over mDNS alone (default interfaces, inside the lab).
 * {@code a1} and {@code a2} run in host {@code h1} and share a socket directory;
 * {@code b} runs in {@code h2} with a directory of its own.
 *
 * <p>
 * One test, so that the JVMs start once: {@code a1} and {@code a2} on epoll, {@code b} on
 * NIO, and {@code a3}, a third node of {@code h1} on NIO, to show the two transports meet
 * over the socket file. Then {@code a4} joins {@code h1} late, when the others' mDNS
 * records already state their host identity. Each JVM runs in a mount namespace of its
 * own ({@code ip netns exec}), which must not make them different hosts
 * ({@code HostIdentityTests} shows that directly).
 *
 * <p>
 * Run alone (as root): {@code ./mvnw -B -pl tcpnet-fault-tests -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SameHostPeersIT
 * -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
class SameHostPeersIT {

	private static final Map<String, DriverNode> nodes = new LinkedHashMap<>();

	private static final String CLUSTER = "tcpnet-same-host-"
			+ Integer.toHexString(ThreadLocalRandom.current().nextInt());

	private static NetLab lab;

	private static Path sockets;

	@BeforeAll
	static void startNodes() throws IOException {
		NetLab.assumeAvailable();
		Path jar = jar();
		assertThat(jar).as("the packaged fault driver (run 'package' first)").isRegularFile();
		lab = NetLab.create(2);
		sockets = Files.createTempDirectory("tcpnet-same-host-");
		List<String> common = common();
		start(jar, "h1", "a1", common, "--tcpnet.server.unix-socket.directory=" + sockets.resolve("h1"));
		start(jar, "h1", "a2", common, "--tcpnet.server.unix-socket.directory=" + sockets.resolve("h1"));
		start(jar, "h1", "a3", common, "--tcpnet.server.unix-socket.directory=" + sockets.resolve("h1"),
				"--tcpnet.server.native-transport=false");
		start(jar, "h2", "b", common, "--tcpnet.server.unix-socket.directory=" + sockets.resolve("h2"),
				"--tcpnet.server.native-transport=false");
		nodes.values().forEach(DriverNode::pid);
	}

	@AfterAll
	static void tearDown() {
		if (lab != null) {
			lab.close();
		}
	}

	@Test
	void nodesOfOneHostUseTheSocketFileAndOthersTcp() throws IOException {
		awaitFullMesh();
		assertTransports(List.of("a1", "a2", "a3"));
		start(jar(), "h1", "a4", common(), "--tcpnet.server.unix-socket.directory=" + sockets.resolve("h1"));
		awaitFullMesh();
		assertTransports(List.of("a1", "a2", "a3", "a4"));
		Path directory = sockets.resolve("h1");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		try (var files = Files.list(directory)) {
			List<Path> sockets = files.toList();
			assertThat(sockets).hasSize(4);
			for (Path socket : sockets) {
				assertThat(socket.getFileName().toString()).endsWith(".sock");
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
			}
		}
	}

	private static Path jar() {
		return Path.of(System.getProperty("fault.driver.jar", "target/tcpnet-fault-driver.jar"));
	}

	private static List<String> common() {
		return List.of("--tcpnet.cluster=" + CLUSTER, "--fault.exit-on-stdin-eof=true", "--fault.max-lifetime=10m");
	}

	private static void awaitFullMesh() {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			for (String id : nodes.keySet()) {
				assertThat(nodes.get(id).peers()).as("peers of %s", id)
					.containsExactlyInAnyOrderElementsOf(nodes.keySet().stream().filter((o) -> !o.equals(id)).toList());
			}
		});
	}

	private static void assertTransports(List<String> sameHost) {
		for (String observer : nodes.keySet()) {
			for (String peer : nodes.keySet()) {
				if (!observer.equals(peer)) {
					boolean unix = sameHost.contains(observer) && sameHost.contains(peer);
					assertThat(transport(observer, peer)).as("transport %s sees for %s", observer, peer)
						.isEqualTo(unix ? "unix" : "tcp");
				}
			}
		}
	}

	private static String transport(String observer, String peer) {
		return nodes.get(observer).awaitEvent("CONNECTED", peer, 0, Duration.ofSeconds(5)).get("transport");
	}

	private static void start(Path jar, String hostName, String id, List<String> common, String... more) {
		NetLab.Host host = lab.hosts().stream().filter((h) -> h.name().equals(hostName)).findFirst().orElseThrow();
		List<String> properties = new ArrayList<>(common);
		properties.addAll(List.of(more));
		nodes.put(id, DriverNode.start(lab, host, id, jar, properties));
	}

}
