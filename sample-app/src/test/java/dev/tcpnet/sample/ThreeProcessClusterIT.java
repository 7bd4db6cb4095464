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

package dev.tcpnet.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three sample-app processes started from the packaged jar form a mesh, exchange the demo
 * messages, and see a stopping node leave.
 *
 * <p>
 * As root, the three run in one private loopback-only network namespace (made with
 * {@code shared/tools/netns-run}) with default interface selection: nothing in the
 * command line tells them where to look, which is the zero-configuration claim. Otherwise
 * (or when the namespace cannot be made) they are pinned to 127.0.0.1 and get a cluster
 * name of their own, so that nothing leaves the machine and nothing else on it joins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeProcessClusterIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final List<String> NODE_IDS = List.of("node-1", "node-2", "node-3");

	private static final Map<String, SampleProcess> nodes = new LinkedHashMap<>();

	private static String namespace;

	@BeforeAll
	static void startCluster() throws IOException {
		namespace = createNamespace();
		Runtime.getRuntime().addShutdownHook(new Thread(ThreeProcessClusterIT::killAll));
		String cluster = "tcpnet-it-" + UUID.randomUUID().toString().substring(0, 8);
		for (String id : NODE_IDS) {
			nodes.put(id, SampleProcess.start(id, command(id, cluster)));
		}
	}

	@AfterAll
	static void stopCluster() {
		killAll();
		if (namespace != null) {
			run(netnsRun().toString(), "--down", namespace);
		}
	}

	@Test
	@Order(1)
	void everyNodeConnectsToTheOthersOnceAndReceivesTheirMessages() {
		awaitMesh();
		for (SampleProcess node : nodes.values()) {
			for (String other : others(node.id())) {
				assertThat(node.count("connected to " + other + " ("))
					.as("%s connected to %s more than once", node.id(), other)
					.isEqualTo(1);
			}
		}
	}

	@Test
	@Order(1)
	void everyNodeHearsTheHelloClusterEventOfEveryOther() {
		awaitMesh();
		for (SampleProcess node : nodes.values()) {
			for (String other : others(node.id())) {
				node.awaitLine("cluster event: " + other + " says hello", TIMEOUT);
			}
			assertThat(node.count("cluster event: " + node.id() + " says hello"))
				.as("%s hears its own hello back", node.id())
				.isZero();
		}
	}

	@Test
	@Order(2)
	void aStoppedNodeIsReportedAsLeftByTheOthers() throws InterruptedException {
		awaitMesh();
		SampleProcess leaving = nodes.get("node-3");
		assertThat(leaving.stop(TIMEOUT)).as("node-3 exits after SIGTERM").isTrue();
		for (String id : others(leaving.id())) {
			nodes.get(id).awaitLine("disconnected from " + leaving.id() + " (LEFT)", TIMEOUT);
		}
		assertThat(nodes.get("node-1").count("disconnected from node-2")).isZero();
		assertThat(nodes.get("node-2").count("disconnected from node-1")).isZero();
	}

	private static void awaitMesh() {
		for (SampleProcess node : nodes.values()) {
			for (String other : others(node.id())) {
				node.awaitLine("connected to " + other + " (", TIMEOUT);
				node.awaitLine("message from " + other, TIMEOUT);
			}
		}
	}

	private static List<String> others(String id) {
		return NODE_IDS.stream().filter((other) -> !other.equals(id)).toList();
	}

	private static List<String> command(String id, String cluster) {
		List<String> command = new ArrayList<>();
		if (namespace != null) {
			command.addAll(List.of(netnsRun().toString(), "--exec", namespace, "--"));
		}
		command.addAll(SampleProcess.javaJar(id));
		if (namespace == null) {
			command.addAll(List.of("--tcpnet.discovery.mdns.interfaces=127.0.0.1", "--tcpnet.server.address=127.0.0.1",
					"--server.address=127.0.0.1", "--tcpnet.cluster=" + cluster));
		}
		return command;
	}

	private static String createNamespace() {
		Path netnsRun = netnsRun();
		if (new UnixSystem().getUid() != 0 || !Files.isExecutable(netnsRun)) {
			System.out.println("ThreeProcessClusterIT: not root or no " + netnsRun + "; pinning nodes to 127.0.0.1");
			return null;
		}
		String name = "tcpnet-it-" + ProcessHandle.current().pid();
		if (run(netnsRun.toString(), "--up", name) != 0) {
			System.out
				.println("ThreeProcessClusterIT: could not create namespace " + name + "; pinning nodes to 127.0.0.1");
			return null;
		}
		System.out.println("ThreeProcessClusterIT: nodes run in private network namespace " + name
				+ " with default interface selection");
		return name;
	}

	private static Path netnsRun() {
		String configured = System.getProperty("netns-run");
		return (configured != null) ? Path.of(configured).normalize()
				: Path.of("..", "..", "shared", "tools", "netns-run").toAbsolutePath().normalize();
	}

	private static int run(String... command) {
		try {
			Process process = new ProcessBuilder(command).inheritIO()
				.redirectInput(ProcessBuilder.Redirect.PIPE)
				.start();
			process.getOutputStream().close();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static synchronized void killAll() {
		// In parallel: each graceful stop takes about two seconds.
		nodes.values().parallelStream().forEach(SampleProcess::kill);
	}

}
