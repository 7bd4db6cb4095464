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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.support.TestCertificates;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real nodes with mutual TLS from Spring Boot PEM SSL bundles, with certificates made
 * here: a shared authority forms the mesh; a stranger's certificate, a plaintext node or
 * a TLS node meeting a plaintext one are refused cleanly; a reloaded bundle applies to
 * new connections.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsMeshTests {

	@TempDir
	Path dir;

	private final String cluster = "tls-" + NodeId.random().shortForm();

	private final List<TestNode> nodes = new ArrayList<>();

	private final TestCertificates authority = TestCertificates.authority("cluster-ca");

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void nodesWithCertificatesFromTheClusterAuthorityConnect() {
		Path trust = this.authority.writeCertificate(this.dir);
		TestNode a = start(this.authority.issue(this.dir, "node-a").bundle(trust));
		TestNode b = start(with(this.authority.issue(this.dir, "node-b").bundle(trust), seed(a)));
		await().untilAsserted(() -> assertThat(a.tcpnet().peers()).hasSize(1));
		b.tcpnet().broadcast("t", "over tls");
		await().untilAsserted(() -> assertThat(a.messages()).containsExactly("over tls"));
	}

	@Test
	void nodeWithACertificateFromAnotherAuthorityIsRefused() {
		Path trust = this.authority.writeCertificate(this.dir);
		TestCertificates stranger = TestCertificates.authority("stranger-ca");
		TestNode a = start(this.authority.issue(this.dir, "node-a").bundle(trust));
		TestNode b = start(
				with(stranger.issue(this.dir, "node-x").bundle(stranger.writeCertificate(this.dir)), seed(a)));
		awaitRefusals(a, "auth");
		assertNeverConnected(a, b);
	}

	@Test
	void plaintextNodeDialingATlsNodeIsRefusedCleanly() {
		Path trust = this.authority.writeCertificate(this.dir);
		TestNode tls = start(this.authority.issue(this.dir, "node-a").bundle(trust));
		TestNode plain = start(seed(tls));
		awaitRefusals(tls, "auth");
		assertThat(tls.bean(PeerRegistry.class).counters().connectionsClosed(CloseReason.REJECTED)).isPositive();
		assertNeverConnected(tls, plain);
	}

	@Test
	void tlsNodeDialingAPlaintextNodeIsRefusedCleanly() {
		Path trust = this.authority.writeCertificate(this.dir);
		TestNode plain = start();
		TestNode tls = start(with(this.authority.issue(this.dir, "node-a").bundle(trust), seed(plain)));
		awaitRefusals(plain, "magic");
		await().untilAsserted(
				() -> assertThat(tls.bean(PeerRegistry.class).counters().connectionsClosed(CloseReason.REJECTED))
					.isPositive());
		assertNeverConnected(plain, tls);
	}

	@Test
	void reloadedTrustAppliesToNewConnections() throws Exception {
		Path trust = this.authority.writeCertificate(this.dir);
		TestCertificates other = TestCertificates.authority("other-ca");
		TestNode a = start(this.authority.issue(this.dir, "node-a").bundle(trust));
		Path otherTrust = Files.writeString(this.dir.resolve("both.crt"),
				Files.readString(trust) + Files.readString(other.writeCertificate(this.dir)));
		TestNode b = start(with(other.issue(this.dir, "node-b").bundle(otherTrust), seed(a)));
		awaitRefusals(a, "auth");
		assertThat(a.tcpnet().peers()).isEmpty();
		// Node a now also trusts the other authority: the next dial of b gets in.
		Files.writeString(trust, Files.readString(otherTrust));
		// Each side counts the peer when its own end of the handshake completes.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(a.tcpnet().peers()).hasSize(1);
			assertThat(b.tcpnet().peers()).hasSize(1);
		});
	}

	@Test
	void tlsAndSharedSecretTogether() {
		Path trust = this.authority.writeCertificate(this.dir);
		TestNode a = start(
				with(this.authority.issue(this.dir, "node-a").bundle(trust), "tcpnet.security.secret=together"));
		TestNode b = start(with(this.authority.issue(this.dir, "node-b").bundle(trust), seed(a),
				"tcpnet.security.secret=together"));
		TestNode wrong = start(
				with(this.authority.issue(this.dir, "node-c").bundle(trust), seed(a), "tcpnet.security.secret=apart"));
		await()
			.untilAsserted(() -> assertThat(a.tcpnet().peers()).extracting((p) -> p.nodeId()).containsExactly(b.id()));
		awaitRefusals(a, "auth");
		assertThat(wrong.tcpnet().peers()).isEmpty();
	}

	@Test
	void aCertificateThatNamesAnotherNodeCannotClaimThisNodeId(CapturedOutput output) {
		Path trust = this.authority.writeCertificate(this.dir);
		TestNode a = start(this.authority.issue(this.dir, "node-a").bundle(trust));
		// A certificate of the cluster's authority, but issued to node-b: it must not be
		// node-x.
		TestNode impostor = start(
				with(this.authority.issue(this.dir, "node-b").bundle(trust), seed(a), "tcpnet.node-id=node-x"));
		awaitRefusals(a, "auth");
		assertNeverConnected(a, impostor);
		assertThat(output).contains("node id 'node-x' is not named by its certificate")
			.contains("[node-b]")
			.contains("tcpnet.ssl.identity=subject");
	}

	@Test
	void withIdentityNoneAnyTrustedCertificateMayClaimAnyNodeId() {
		Path trust = this.authority.writeCertificate(this.dir);
		TestNode a = start(with(this.authority.issue(this.dir, "node-a").bundle(trust), "tcpnet.ssl.identity=none"));
		TestNode other = start(with(this.authority.issue(this.dir, "node-b").bundle(trust), seed(a),
				"tcpnet.node-id=node-x", "tcpnet.ssl.identity=none"));
		await().untilAsserted(
				() -> assertThat(a.tcpnet().peers()).extracting((p) -> p.nodeId().value()).containsExactly("node-x"));
		assertThat(other.tcpnet().peers()).hasSize(1);
	}

	private void awaitRefusals(TestNode node, String reason) {
		await().untilAsserted(() -> assertThat(node.bean(PeerRegistry.class).counters().handshakesRejected(reason))
			.isGreaterThanOrEqualTo(2));
	}

	private static void assertNeverConnected(TestNode a, TestNode b) {
		assertThat(a.tcpnet().peers()).isEmpty();
		assertThat(b.tcpnet().peers()).isEmpty();
		assertThat(a.connectedEventIds()).isEmpty();
		assertThat(b.connectedEventIds()).isEmpty();
	}

	private static String[] seed(TestNode node) {
		return new String[] { "tcpnet.discovery.static.peers=" + node.seed() };
	}

	private static String[] with(String[] properties, String... more) {
		return Stream.concat(Stream.of(properties), Stream.of(more)).toArray(String[]::new);
	}

	private static String[] with(String[] properties, String[] more, String... evenMore) {
		return with(with(properties, more), evenMore);
	}

	private TestNode start(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("tcpnet.cluster=" + this.cluster);
		all.add("tcpnet.discovery.mdns.enabled=false");
		all.add("tcpnet.discovery.static.refresh-interval=200ms");
		all.add("tcpnet.handshake-timeout=2s");
		TestNode node = TestNode.start(all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

}
