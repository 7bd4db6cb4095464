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

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tcpnet.actuate.TcpnetEndpoint;
import dev.tcpnet.discovery.mdns.TcpnetMdnsCustomizer;
import dev.tcpnet.metrics.TcpnetMeters;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.support.TestCertificates;
import dev.tcpnet.support.TestNode;
import dev.tcpnet.transport.TcpnetProtocol;
import dev.tcpnet.transport.netty.NettyTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes of one host that find each other over mDNS (on 127.0.0.1 only) talk over
 * their Unix-domain sockets, with nothing configured but where the socket files go.
 */
@ExtendWith(OutputCaptureExtension.class)
class SameHostPeersTests {

	private static final Class<?>[] RECORD_TXT = { RecordTxtConfiguration.class };

	private final List<TestNode> nodes = new ArrayList<>();

	private final String cluster = "same-host-" + NodeId.random().shortForm();

	@TempDir
	Path temp;

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(TestNode::close);
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void nodesFoundOverMdnsTalkOverTheUnixSocket(boolean nativeTransport, CapturedOutput output) throws Exception {
		Path sockets = this.temp.resolve("sockets");
		TestNode a = start("tcpnet.node-id=alpha", "tcpnet.server.unix-socket.directory=" + sockets,
				"tcpnet.server.native-transport=" + nativeTransport);
		TestNode b = start("tcpnet.node-id=bravo", "tcpnet.server.unix-socket.directory=" + sockets,
				"tcpnet.server.native-transport=" + nativeTransport);
		await().untilAsserted(() -> {
			assertThat(a.tcpnet().peers()).hasSize(1);
			assertThat(b.tcpnet().peers()).hasSize(1);
		});
		assertThat(a.bean(PeerRegistry.class).peers()).extracting(Peer::transport).containsExactly("unix");
		assertThat(b.bean(PeerRegistry.class).peers()).extracting(Peer::transport).containsExactly("unix");
		assertThat(a.bean(TcpnetEndpoint.class).peer("bravo").transport()).isEqualTo("unix");
		// Named by the port each listens on, also where the connection was accepted. The
		// line may follow the peer's registration by a moment: each node logs it itself.
		await().untilAsserted(() -> assertThat(output)
			.containsPattern("Peer bravo connected \\((IN|OUT)BOUND, unix /127\\.0\\.0\\.1:" + b.port() + "\\)")
			.containsPattern("Peer alpha connected \\((IN|OUT)BOUND, unix /127\\.0\\.0\\.1:" + a.port() + "\\)"));
		MeterRegistry meters = a.bean(MeterRegistry.class);
		assertThat(meters.get(TcpnetMeters.PEERS_BY_TRANSPORT).tag(TcpnetMeters.TRANSPORT, "unix").gauge().value())
			.isEqualTo(1);
		assertThat(meters.get(TcpnetMeters.PEERS_BY_TRANSPORT).tag(TcpnetMeters.TRANSPORT, "tcp").gauge().value())
			.isZero();
		Path file = b.bean(NettyTransport.class).unixSocketFile();
		assertThat(file.getParent()).isEqualTo(sockets);
		assertThat(file.getFileName().toString()).startsWith(b.port() + "-").endsWith(".sock");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sockets))).isEqualTo("rwx------");
		a.tcpnet().send(NodeId.of("bravo"), "t", "over the socket file");
		await().untilAsserted(() -> assertThat(b.messages()).containsExactly("over the socket file"));
	}

	@Test
	void mutualTlsRunsOverTheUnixSocket() {
		Path sockets = this.temp.resolve("sockets");
		TestCertificates authority = TestCertificates.authority("same-host-ca");
		Path trust = authority.writeCertificate(this.temp);
		TestNode a = start(with(authority.issue(this.temp, "alpha").bundle(trust),
				"tcpnet.server.unix-socket.directory=" + sockets));
		TestNode b = start(with(authority.issue(this.temp, "bravo").bundle(trust),
				"tcpnet.server.unix-socket.directory=" + sockets));
		await().untilAsserted(() -> {
			assertThat(a.tcpnet().peers()).hasSize(1);
			assertThat(b.tcpnet().peers()).hasSize(1);
		});
		assertThat(a.bean(PeerRegistry.class).peers()).extracting(Peer::transport).containsExactly("unix");
		b.tcpnet().send(NodeId.of("alpha"), "t", "encrypted");
		await().untilAsserted(() -> assertThat(a.messages()).containsExactly("encrypted"));
	}

	@Test
	void nodesWithTheUnixSocketTurnedOffTalkOverTcp() {
		Path sockets = this.temp.resolve("sockets");
		TestNode a = start("tcpnet.server.unix-socket.directory=" + sockets);
		TestNode b = start("tcpnet.server.unix-socket.directory=" + sockets, "tcpnet.server.unix-socket.enabled=false");
		await().untilAsserted(() -> {
			assertThat(a.tcpnet().peers()).hasSize(1);
			assertThat(b.tcpnet().peers()).hasSize(1);
		});
		assertThat(a.bean(PeerRegistry.class).peers()).extracting(Peer::transport).containsExactly("tcp");
		assertThat(b.bean(PeerRegistry.class).peers()).extracting(Peer::transport).containsExactly("tcp");
		assertThat(b.bean(NettyTransport.class).unixSocketFile()).isNull();
	}

	@Test
	void nodesOfOneHostAdvertiseTheirHostAndSocketFileOverMdns(CapturedOutput output) {
		Path sockets = this.temp.resolve("sockets");
		TestNode a = start(RECORD_TXT, "tcpnet.node-id=alpha", "tcpnet.server.unix-socket.directory=" + sockets);
		TestNode b = start(RECORD_TXT, "tcpnet.node-id=bravo", "tcpnet.server.unix-socket.directory=" + sockets);
		await().untilAsserted(() -> {
			assertThat(a.tcpnet().peers()).hasSize(1);
			assertThat(b.tcpnet().peers()).hasSize(1);
		});
		assertThat(a.bean(PeerRegistry.class).peers()).extracting(Peer::transport).containsExactly("unix");
		assertThat(b.bean(PeerRegistry.class).peers()).extracting(Peer::transport).containsExactly("unix");
		Map<String, String> bravo = b.bean(NettyTransport.class).sameHostAttributes();
		assertThat(bravo)
			.containsEntry(TcpnetProtocol.HOST_ATTRIBUTE,
					a.bean(NettyTransport.class).sameHostAttributes().get(TcpnetProtocol.HOST_ATTRIBUTE))
			.containsEntry(TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE,
					b.bean(NettyTransport.class).unixSocketFile().toString());
		assertThat(b.bean(TxtRecorder.class).txt).isEqualTo(bravo);
		assertThat(output.getOut()).doesNotContain("dialing it over TCP");
	}

	// Bravo has no discovery of its own: a JmDNS of the test advertises it, as a node of
	// another host (or container) that shares this one's addresses and socket directory.
	// Without the record's host identity, alpha would dial bravo's file and reach it.
	@Test
	void aNodeWhoseMdnsRecordNamesAnotherHostIsDialedOverTcpWithoutATryOfItsFile(CapturedOutput output)
			throws Exception {
		Path sockets = this.temp.resolve("sockets");
		TestNode b = start("tcpnet.node-id=bravo", "tcpnet.server.unix-socket.directory=" + sockets,
				"tcpnet.discovery.mdns.enabled=false");
		Path file = b.bean(NettyTransport.class).unixSocketFile();
		assertThat(file).exists();
		Map<String, String> txt = Map.of("id", "bravo", "cluster", this.cluster, "proto",
				Integer.toString(TcpnetProtocol.VERSION), TcpnetProtocol.HOST_ATTRIBUTE,
				"0123456789abcdef0123456789abcdef", TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE, file.toString());
		try (JmDNS jmdns = JmDNS.create(InetAddress.getByName("127.0.0.1"), "tcpnet-test-elsewhere")) {
			jmdns.registerService(ServiceInfo.create("_tcpnet._tcp.local.", "bravo-elsewhere", b.port(), 0, 0, txt));
			TestNode a = start("tcpnet.node-id=alpha", "tcpnet.server.unix-socket.directory=" + sockets);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(a.tcpnet().peers()).hasSize(1);
				assertThat(b.tcpnet().peers()).hasSize(1);
			});
			assertThat(a.bean(PeerRegistry.class).peers()).extracting(Peer::transport).containsExactly("tcp");
			assertThat(b.bean(PeerRegistry.class).peers()).extracting(Peer::transport).containsExactly("tcp");
		}
		assertThat(output.getOut()).doesNotContain("dialing it over TCP");
	}

	private static String[] with(String[] properties, String... more) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	private TestNode start(String... properties) {
		return start(new Class<?>[0], properties);
	}

	private TestNode start(Class<?>[] configuration, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("tcpnet.cluster=" + this.cluster);
		all.add("management.endpoints.web.exposure.include=tcpnet");
		TestNode node = TestNode.startWith(configuration, all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

	/**
	 * Records the transport's keys of the TXT record this node advertises.
	 */
	static final class TxtRecorder implements TcpnetMdnsCustomizer {

		final Map<String, String> txt = new ConcurrentHashMap<>();

		@Override
		public void customize(JmDNS jmdns, ServiceInfo serviceInfo) {
			for (String key : List.of(TcpnetProtocol.HOST_ATTRIBUTE, TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE)) {
				String value = serviceInfo.getPropertyString(key);
				if (value != null) {
					this.txt.put(key, value);
				}
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordTxtConfiguration {

		@Bean
		TxtRecorder txtRecorder() {
			return new TxtRecorder();
		}

	}

}
