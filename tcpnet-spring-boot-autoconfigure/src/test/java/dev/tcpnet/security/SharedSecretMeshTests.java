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

package dev.tcpnet.security;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.actuate.TcpnetEndpoint;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Real nodes with a shared secret: the same secret forms the mesh, another secret or none
 * is refused, and the secret shows up nowhere.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedSecretMeshTests {

	private static final String SECRET = "s3cr3t-Zebra-Quokka-42";

	private final String cluster = "sec-" + NodeId.random().shortForm();

	private final List<TestNode> nodes = new ArrayList<>();

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void nodesWithTheSameSecretConnectAndExchangeMessages() {
		TestNode a = start("tcpnet.security.secret=" + SECRET);
		TestNode b = start("tcpnet.security.secret=" + SECRET, "tcpnet.discovery.static.peers=" + a.seed());
		await().untilAsserted(() -> assertThat(a.tcpnet().peers()).hasSize(1));
		b.tcpnet().broadcast("t", "hello");
		await().untilAsserted(() -> assertThat(a.messages()).containsExactly("hello"));
	}

	@Test
	void nodeWithAnotherSecretOrNoneNeverJoinsAndIsCounted(CapturedOutput output) {
		TestNode a = start("tcpnet.security.secret=" + SECRET, "tcpnet.discovery.mdns.enabled=false");
		TestNode wrong = start("tcpnet.security.secret=not-the-secret", "tcpnet.discovery.mdns.enabled=false",
				"tcpnet.discovery.static.peers=" + a.seed());
		TestNode none = start("tcpnet.discovery.mdns.enabled=false", "tcpnet.discovery.static.peers=" + a.seed());
		PeerRegistry registry = a.bean(PeerRegistry.class);
		await()
			.untilAsserted(() -> assertThat(registry.counters().handshakesRejected("auth")).isGreaterThanOrEqualTo(10));
		await().during(Duration.ofSeconds(1)).untilAsserted(() -> {
			assertThat(a.tcpnet().peers()).isEmpty();
			assertThat(wrong.tcpnet().peers()).isEmpty();
			assertThat(none.tcpnet().peers()).isEmpty();
		});
		// Seeds are dialed again every 200 ms, yet each node warns once per remote host:
		// node a
		// that it refused, node 'wrong' that it refused a's proof and that a refused it.
		assertThat(output.getAll()
			.lines()
			.filter((line) -> line.contains(" WARN ") && line.contains("wrong shared secret"))).hasSizeBetween(1, 3);
	}

	@Test
	void secretAppearsInNoLogEndpointOrRecord(CapturedOutput output) throws Exception {
		TestNode a = start("tcpnet.security.secret=" + SECRET, "logging.level.dev.tcpnet=TRACE",
				"management.endpoints.web.exposure.include=tcpnet");
		TestNode b = start("tcpnet.security.secret=" + SECRET, "tcpnet.discovery.static.peers=" + a.seed(),
				"logging.level.dev.tcpnet=TRACE");
		await().untilAsserted(() -> assertThat(a.tcpnet().peers()).hasSize(1));
		assertThat(a.bean(TcpnetEndpoint.class).node().toString()).doesNotContain(SECRET);
		for (Map<String, String> txt : txtRecords()) {
			assertThat(txt.toString()).doesNotContain(SECRET).doesNotContain("Zebra");
		}
		b.close();
		this.nodes.remove(b);
		// Offending lines only: a failure message holding the whole output would drown
		// the report.
		assertThat(output.getAll().lines().filter((line) -> line.contains(SECRET) || line.contains("Zebra"))).isEmpty();
	}

	@Test
	void misconfiguredSecretFailsWithoutShowingIt() {
		Throwable failure = catchThrowable(
				() -> start("tcpnet.security.secret=" + SECRET, "tcpnet.security.secret-file=/nonexistent"));
		assertThat(failure).rootCause().hasMessageContaining("tcpnet.security.secret");
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET);
		}
	}

	@Test
	void secretCanComeFromAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		java.nio.file.Path file = dir.resolve("secret");
		java.nio.file.Files.writeString(file, SECRET + "\n");
		TestNode a = start("tcpnet.security.secret-file=" + file);
		TestNode b = start("tcpnet.security.secret=" + SECRET, "tcpnet.discovery.static.peers=" + a.seed());
		await().untilAsserted(() -> assertThat(b.tcpnet().peers()).hasSize(1));
	}

	private List<Map<String, String>> txtRecords() throws Exception {
		try (JmDNS browser = JmDNS.create(InetAddress.getByName("127.0.0.1"), "secret-test")) {
			List<Map<String, String>> records = new ArrayList<>();
			await().untilAsserted(() -> {
				ServiceInfo[] infos = browser.list("_tcpnet._tcp.local.", 1000);
				records.clear();
				for (ServiceInfo info : infos) {
					if (this.cluster.equals(info.getPropertyString("cluster"))) {
						Map<String, String> txt = new java.util.TreeMap<>();
						for (String name : java.util.Collections.list(info.getPropertyNames())) {
							txt.put(name, info.getPropertyString(name));
						}
						records.add(txt);
					}
				}
				assertThat(records).isNotEmpty();
			});
			return records;
		}
	}

	private TestNode start(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("tcpnet.cluster=" + this.cluster);
		all.add("tcpnet.discovery.static.refresh-interval=200ms");
		TestNode node = TestNode.start(all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

}
