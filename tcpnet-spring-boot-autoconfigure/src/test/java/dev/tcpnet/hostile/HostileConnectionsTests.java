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

package dev.tcpnet.hostile;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.hostile.HostileClient.Outcome;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.registry.TcpnetCounters;
import dev.tcpnet.support.TestCertificates;
import dev.tcpnet.support.TestNode;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.SharedSecret;
import dev.tcpnet.transport.TcpnetProtocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Hostile connections against running nodes whose legitimate peers exchange numbered
 * messages the whole time. For every case: the node closes the connection (at once, or
 * within the handshake timeout), counts the reason, logs a line that names the remote and
 * the reason, lets no exception escape, and its legitimate peers notice nothing.
 *
 * <p>
 * Targets: {@code T} (plain TCP, no secret) with peers {@code L1} and {@code L2};
 * {@code T2} (mutual TLS, no peers); {@code T3} (shared secret) with peer {@code L3},
 * which dialed it through a relay that recorded its handshake. Cases: garbage, hostile
 * length fields, a truncated frame, a slow loris, silent TLS connections, TLS to plain
 * and plain to TLS, wrong magic, version, cluster and secret, a replayed handshake, a
 * message before the handshake, an unknown frame after one, and a refusal followed by
 * more frames in the same packet. The last test shows that these checks can fail.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileConnectionsTests {

	static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * Closed "at once or within the handshake timeout": generous, never a speed claim.
	 */
	static final Duration CLOSE_BOUND = HANDSHAKE_TIMEOUT.plusSeconds(5);

	private static final String SECRET = "hostile-secret-" + NodeId.random().shortForm();

	private static final String CLUSTER = "hostile-" + NodeId.random().shortForm();

	private static final List<String> REASONS = Arrays.stream(RejectReason.values())
		.map((reason) -> reason.name().toLowerCase(Locale.ROOT))
		.toList();

	@TempDir
	static Path certificates;

	private static final List<AutoCloseable> resources = new ArrayList<>();

	private static TestNode t;

	private static TestNode l1;

	private static TestNode l2;

	private static TestNode t2;

	private static TestNode t3;

	private static TestNode l3;

	private static RecordingRelay relay;

	private static LegitimateTraffic traffic;

	private final HostileClient client = new HostileClient();

	@BeforeAll
	static void startNodes() {
		t = start("tcpnet.handshake-timeout=" + HANDSHAKE_TIMEOUT.toMillis() + "ms");
		l1 = start("tcpnet.discovery.static.peers=" + t.seed());
		l2 = start("tcpnet.discovery.static.peers=" + t.seed() + "," + l1.seed());
		TestCertificates authority = TestCertificates.authority("hostile-ca");
		Path trust = authority.writeCertificate(certificates);
		List<String> tls = new ArrayList<>(List.of(authority.issue(certificates, "t2").bundle(trust)));
		tls.add("tcpnet.handshake-timeout=" + HANDSHAKE_TIMEOUT.toMillis() + "ms");
		t2 = start(tls.toArray(String[]::new));
		t3 = start("tcpnet.handshake-timeout=" + HANDSHAKE_TIMEOUT.toMillis() + "ms",
				"tcpnet.security.secret=" + SECRET);
		relay = new RecordingRelay(t3.port());
		resources.add(relay);
		l3 = start("tcpnet.security.secret=" + SECRET, "tcpnet.discovery.static.peers=127.0.0.1:" + relay.port());
		traffic = new LegitimateTraffic().node("T", t, l1, l2)
			.node("L1", l1, t, l2)
			.node("L2", l2, t, l1)
			.node("T3", t3, l3)
			.node("L3", l3, t3)
			.quietNode("T2", t2);
		traffic.awaitFormed();
	}

	@AfterAll
	static void stopNodes() throws Exception {
		for (int i = resources.size() - 1; i >= 0; i--) {
			resources.get(i).close();
		}
		resources.clear();
	}

	@BeforeEach
	void startTraffic() {
		traffic.start();
	}

	@AfterEach
	void stopTraffic() throws InterruptedException {
		this.client.close();
		traffic.stop();
	}

	// 1
	@Test
	void randomGarbage(CapturedOutput output) {
		byte[] garbage = new byte[4096];
		new Random(20261101L).nextBytes(garbage);
		assertThat(ByteBuffer.wrap(garbage).getInt()).isNotEqualTo(TcpnetProtocol.MAGIC);
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		HostileClient.writeQuietly(socket, garbage);
		attack.assertRefused(socket, HostileClient.readUntilClosed(socket, CLOSE_BOUND), "magic",
				"magic: not a tcpnet node", null);
		attack.assertUnnoticed();
	}

	// 2
	@ParameterizedTest(name = "length {0}")
	@CsvSource({
			"2147483647, limit, 'limit: frame of 2147483647 bytes, the maximum is 4096 before the handshake completes'",
			"-2147483648, protocol, 'protocol: frame length -2147483648'", "-1, protocol, 'protocol: frame length -1'",
			"0, protocol, 'protocol: frame length 0'" })
	void hostileLengthField(int length, String reason, String logged, CapturedOutput output) {
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		HostileClient.writeQuietly(socket, HostileWire.concat(HostileWire.preface(),
				HostileWire.rawFrame(length, TcpnetProtocol.MESSAGE, (byte) 0, (byte) 1, (byte) 'x')));
		attack.assertRefused(socket, HostileClient.readUntilClosed(socket, CLOSE_BOUND), reason, logged,
				RejectReason.valueOf(reason.toUpperCase()));
		attack.assertUnnoticed();
	}

	// 3: the client ends the stream inside a frame. Nothing is refused (the remote left):
	// the
	// node drops the partial frame and closes too, counting the connection as closed
	// before
	// its handshake.
	@Test
	void truncatedFrameThenClose(CapturedOutput output) throws IOException {
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		byte[] hello = hello(CLUSTER, "truncated-" + NodeId.random().shortForm(), 0);
		HostileClient.writeQuietly(socket,
				HostileWire.concat(HostileWire.preface(), Arrays.copyOf(hello, hello.length / 2)));
		socket.shutdownOutput();
		Outcome outcome = HostileClient.readUntilClosed(socket, CLOSE_BOUND);
		assertThat(outcome.ending()).as("how the node ended the connection").isEqualTo(HostileClient.Ending.EOF);
		assertThat(outcome.frames()).as("what the node sent")
			.singleElement()
			.satisfies((frame) -> assertThat(frame.type()).isEqualTo(TcpnetProtocol.HELLO));
		attack.assertCounted(Map.of("closed:REJECTED", 1L));
		attack.assertNothingEscaped();
		attack.assertUnnoticed();
	}

	// 3, held open: the partial frame waits for the handshake timeout.
	@Test
	void truncatedFrameHeldOpen(CapturedOutput output) {
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		byte[] hello = hello(CLUSTER, "truncated-" + NodeId.random().shortForm(), 0);
		HostileClient.writeQuietly(socket,
				HostileWire.concat(HostileWire.preface(), Arrays.copyOf(hello, hello.length / 2)));
		attack.assertRefused(socket, HostileClient.readUntilClosed(socket, CLOSE_BOUND), "timeout",
				"no handshake within 2000 ms", null);
		attack.assertFlowedDuring();
		attack.assertUnnoticed();
	}

	// 4
	@Test
	void slowLoris(CapturedOutput output) throws InterruptedException {
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		// A well-formed handshake, one byte every 100 ms: complete only after ~9 s.
		byte[] handshake = HostileWire.concat(HostileWire.preface(),
				hello(CLUSTER, "slow-loris-" + NodeId.random().shortForm(), 0));
		Thread writer = new Thread(() -> {
			for (byte b : handshake) {
				if (!HostileClient.writeQuietly(socket, new byte[] { b })) {
					return;
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "slow-loris");
		writer.setDaemon(true);
		writer.start();
		try {
			Outcome outcome = HostileClient.readUntilClosed(socket, CLOSE_BOUND);
			attack.assertRefused(socket, outcome, "timeout", "no handshake within 2000 ms", null);
		}
		finally {
			writer.interrupt();
			writer.join(5000);
		}
		assertThat(handshake.length).as("bytes of the slow handshake").isGreaterThan(30);
		attack.assertFlowedDuring();
		attack.assertUnnoticed();
	}

	// 6
	@Test
	void tlsClientHelloToAPlaintextNode(CapturedOutput output) throws Exception {
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		SSLSocket tls = (SSLSocket) SSLContext.getDefault()
			.getSocketFactory()
			.createSocket(socket, "127.0.0.1", t.port(), false);
		this.client.track(tls);
		tls.setSoTimeout((int) CLOSE_BOUND.toMillis());
		assertThat(catchThrowable(tls::startHandshake)).as("the TLS handshake").isInstanceOf(IOException.class);
		// The TLS socket leaves the plain one open: read on until the node closes it.
		assertThat(socket.isClosed()).isFalse();
		attack.assertRefused(socket, HostileClient.readUntilClosed(socket, CLOSE_BOUND), "magic",
				"magic: not a tcpnet node (first bytes 0x1603", null);
		attack.assertUnnoticed();
	}

	// 7
	@Test
	void plaintextToATlsNode(CapturedOutput output) {
		Attack attack = attack(t2, output);
		Socket socket = this.client.connect(t2.port());
		HostileClient.writeQuietly(socket, HostileWire.concat(HostileWire.preface(),
				hello(CLUSTER, "plaintext-" + NodeId.random().shortForm(), 0)));
		attack.assertRefused(socket, HostileClient.readUntilClosed(socket, CLOSE_BOUND), "auth", "TLS handshake failed",
				null);
		attack.assertUnnoticed();
	}

	// 4 against the TLS node: silent connections, each closed by the handshake timeout
	// and
	// counted once. Several at once: the TLS handler's timer and the handshake handler's
	// race.
	@Test
	void silentConnectionsToATlsNode(CapturedOutput output) {
		Attack attack = attack(t2, output);
		List<Socket> sockets = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			sockets.add(this.client.connect(t2.port()));
		}
		for (Socket socket : sockets) {
			Outcome outcome = HostileClient.readUntilClosed(socket, CLOSE_BOUND);
			assertThat(outcome.ending().closedByNode()).as("%s closed by the node", outcome).isTrue();
		}
		attack.assertCounted(Map.of("timeout", 16L, "closed:REJECTED", 16L));
		sockets.forEach((socket) -> attack.assertLogged(socket, "no handshake within 2000 ms"));
		attack.assertNothingEscaped();
		attack.assertUnnoticed();
	}

	// 8
	@Test
	void wrongMagic(CapturedOutput output) {
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		HostileClient.writeQuietly(socket, HostileWire
			.concat(HostileWire.preface(0x5443504D, TcpnetProtocol.MIN_VERSION), hello(CLUSTER, "wrong-magic", 0)));
		attack.assertRefused(socket, HostileClient.readUntilClosed(socket, CLOSE_BOUND), "magic",
				"magic: not a tcpnet node (first bytes 0x5443504d)", null);
		attack.assertUnnoticed();
	}

	// 9
	@Test
	void wrongVersion(CapturedOutput output) {
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		HostileClient.writeQuietly(socket,
				HostileWire.concat(HostileWire.preface(TcpnetProtocol.MAGIC, TcpnetProtocol.VERSION + 1),
						hello(CLUSTER, "wrong-version", 0)));
		attack.assertRefused(socket, HostileClient.readUntilClosed(socket, CLOSE_BOUND), "version",
				"version: it speaks protocol version " + (TcpnetProtocol.VERSION + 1)
						+ " and up, this node speaks 1 to " + TcpnetProtocol.VERSION,
				RejectReason.VERSION);
		attack.assertUnnoticed();
	}

	// 10
	@Test
	void wrongCluster(CapturedOutput output) {
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		HostileClient.writeQuietly(socket,
				HostileWire.concat(HostileWire.preface(), hello("not-" + CLUSTER, "wrong-cluster", 0)));
		attack.assertRefused(socket, HostileClient.readUntilClosed(socket, CLOSE_BOUND), "cluster",
				"cluster 'not-" + CLUSTER + "' is not this node's cluster", RejectReason.CLUSTER);
		attack.assertUnnoticed();
	}

	// 11
	@Test
	void wrongSecret(CapturedOutput output) {
		Attack attack = attack(t3, output);
		Socket socket = this.client.connect(t3.port());
		String intruder = "intruder-" + NodeId.random().shortForm();
		byte[] challenge = new byte[TcpnetProtocol.CHALLENGE_LENGTH];
		new Random(11).nextBytes(challenge);
		HostileClient.writeQuietly(socket, HostileWire.concat(HostileWire.preface(),
				HostileWire.hello(CLUSTER, intruder, 1, 11L, TcpnetProtocol.FLAG_SECRET, challenge)));
		// The node's preface and hello: its id and challenge, which a proof must cover.
		byte[] head = HostileClient.readUpTo(socket, TcpnetProtocol.PREFACE_LENGTH + 4, CLOSE_BOUND);
		assertThat(head).hasSize(TcpnetProtocol.PREFACE_LENGTH + 4);
		int length = ByteBuffer.wrap(head, TcpnetProtocol.PREFACE_LENGTH, 4).getInt();
		byte[] body = HostileClient.readUpTo(socket, length, CLOSE_BOUND);
		HostileWire.Hello hello = HostileWire.parse(HostileWire.concat(head, body)).get(0).hello();
		assertThat(hello.nodeId()).isEqualTo(t3.id().value());
		assertThat(hello.flags() & TcpnetProtocol.FLAG_SECRET).isEqualTo(TcpnetProtocol.FLAG_SECRET);
		byte[] proof = new SharedSecret("not-" + SECRET).proof(CLUSTER, NodeId.of(intruder), t3.id(), challenge,
				hello.challenge());
		HostileClient.writeQuietly(socket, HostileWire.auth(proof));
		Outcome rest = HostileClient.readUntilClosed(socket, CLOSE_BOUND);
		Outcome outcome = new Outcome(HostileWire.concat(head, body, rest.received()), rest.ending());
		attack.assertRefused(socket, outcome, "auth",
				"wrong shared secret (or a replayed handshake) from node " + intruder, RejectReason.AUTH);
		attack.assertUnnoticed();
	}

	// 12
	@Test
	void replayedHandshake(CapturedOutput output) {
		byte[] captured = relay.captured();
		byte[] handshake = handshakeOf(captured);
		List<HostileWire.Frame> frames = HostileWire.parse(handshake);
		assertThat(frames).extracting(HostileWire.Frame::type)
			.containsExactly(TcpnetProtocol.HELLO, TcpnetProtocol.AUTH);
		assertThat(frames.get(0).hello().nodeId()).isEqualTo(l3.id().value());
		Attack attack = attack(t3, output);
		Socket socket = this.client.connect(t3.port());
		HostileClient.writeQuietly(socket, handshake);
		attack.assertRefused(socket, HostileClient.readUntilClosed(socket, CLOSE_BOUND), "auth",
				"wrong shared secret (or a replayed handshake) from node " + l3.id(), RejectReason.AUTH);
		attack.assertUnnoticed();
	}

	// 13
	@Test
	void messageBeforeTheHandshake(CapturedOutput output) {
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		HostileClient.writeQuietly(socket, HostileWire.concat(HostileWire.preface(),
				HostileWire.message(1L, LegitimateTraffic.TOPIC, "999999999".getBytes())));
		attack.assertRefused(socket, HostileClient.readUntilClosed(socket, CLOSE_BOUND), "protocol",
				"protocol: data frame during the handshake", RejectReason.PROTOCOL);
		attack.assertUnnoticed();
	}

	// 14: a valid hello to a node without a secret completes the handshake, so this
	// intruder
	// is a peer of T for a moment; then its unknown frame closes the connection. L1 and
	// L2
	// notice nothing; T sees the intruder come and go, nothing else.
	@Test
	void unknownFrameTypeAfterAValidHello(CapturedOutput output) {
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		String intruder = "intruder-" + NodeId.random().shortForm();
		HostileClient.writeQuietly(socket, HostileWire.concat(HostileWire.preface(), hello(CLUSTER, intruder, 0),
				HostileWire.rawFrame(1, (byte) 99)));
		attack.assertRefused(socket, HostileClient.readUntilClosed(socket, CLOSE_BOUND), "protocol",
				"protocol: unknown frame type 99", RejectReason.PROTOCOL, Map.of("protocol", 1L, "closed:LOST", 1L));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(t.events(PeerConnectedEvent.class))
				.filteredOn((e) -> e.getPeer().nodeId().value().equals(intruder))
				.hasSize(1);
			assertThat(t.events(PeerDisconnectedEvent.class))
				.filteredOn((e) -> e.getPeer().nodeId().value().equals(intruder))
				.singleElement()
				.satisfies((e) -> assertThat(e.getReason()).isEqualTo(PeerDisconnectedEvent.Reason.LOST));
		});
		attack.assertUnnoticed(Map.of(t, Set.of(intruder)));
	}

	// A refusal ends the connection: what follows it in the same packet is not read, not
	// refused again, and cannot complete a handshake.
	@Test
	void refusedHelloThenAValidOneInTheSamePacket(CapturedOutput output) {
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		String second = "second-" + NodeId.random().shortForm();
		HostileClient.writeQuietly(socket, HostileWire.concat(HostileWire.preface(),
				hello("not-" + CLUSTER, "first", 0), hello(CLUSTER, second, 0)));
		attack.assertRefused(socket, HostileClient.readUntilClosed(socket, CLOSE_BOUND), "cluster",
				"cluster 'not-" + CLUSTER + "' is not this node's cluster", RejectReason.CLUSTER);
		assertThat(t.connectedEventIds()).doesNotContain(NodeId.of(second));
		attack.assertUnnoticed();
	}

	@Test
	void twoViolationsInTheSamePacket(CapturedOutput output) {
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		HostileClient.writeQuietly(socket, HostileWire.concat(HostileWire.preface(),
				HostileWire.message(1L, LegitimateTraffic.TOPIC, new byte[1]), HostileWire.rawFrame(-1)));
		attack.assertRefused(socket, HostileClient.readUntilClosed(socket, CLOSE_BOUND), "protocol",
				"protocol: data frame during the handshake", RejectReason.PROTOCOL);
		attack.assertUnnoticed();
	}

	/**
	 * The checks of this class can fail: an intruder that completes a valid handshake and
	 * stays is not closed by the node, and the legitimate nodes' check sees it.
	 */
	@Test
	void checksCatchAnIntruderThatStays(CapturedOutput output) {
		Attack attack = attack(t, output);
		Socket socket = this.client.connect(t.port());
		String intruder = "stays-" + NodeId.random().shortForm();
		HostileClient.writeQuietly(socket, HostileWire.concat(HostileWire.preface(), hello(CLUSTER, intruder, 0)));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(t.connectedEventIds()).contains(NodeId.of(intruder)));
		// Less than the heartbeat timeout (3 s), after which the node would close a
		// silent peer.
		Outcome outcome = HostileClient.readUntilClosed(socket, Duration.ofSeconds(1));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> attack.assertRefused(socket, outcome, "protocol", "anything", null));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(attack::assertUnnoticed)
			.withMessageContaining(intruder);
		this.client.close();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(t.disconnects()).anyMatch((e) -> e.getPeer().nodeId().value().equals(intruder)));
		attack.assertUnnoticed(Map.of(t, Set.of(intruder)));
	}

	/**
	 * The client's bytes of a captured handshake: preface, hello and proof, nothing
	 * after.
	 */
	private static byte[] handshakeOf(byte[] captured) {
		ByteBuffer in = ByteBuffer.wrap(captured);
		in.position(TcpnetProtocol.PREFACE_LENGTH);
		int end = TcpnetProtocol.PREFACE_LENGTH;
		for (HostileWire.Frame frame : HostileWire.frames(in)) {
			end += 4 + 1 + frame.body().length;
			if (frame.type() == TcpnetProtocol.AUTH) {
				return Arrays.copyOf(captured, end);
			}
		}
		throw new AssertionError("No proof in the " + captured.length + " captured bytes");
	}

	private static byte[] hello(String cluster, String nodeId, int flags) {
		byte[] challenge = new byte[TcpnetProtocol.CHALLENGE_LENGTH];
		new Random(nodeId.hashCode()).nextBytes(challenge);
		return HostileWire.hello(cluster, nodeId, 1, 42L, flags, challenge);
	}

	private static TestNode start(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("tcpnet.cluster=" + CLUSTER);
		all.add("tcpnet.discovery.mdns.enabled=false");
		all.add("tcpnet.discovery.static.refresh-interval=500ms");
		TestNode node = TestNode.start(all.toArray(String[]::new));
		resources.add(node);
		return node;
	}

	private static Attack attack(TestNode target, CapturedOutput output) {
		return new Attack(target, output);
	}

	private static Map<String, Long> counts(TestNode node) {
		TcpnetCounters counters = node.bean(PeerRegistry.class).counters();
		Map<String, Long> counts = new LinkedHashMap<>();
		REASONS.forEach((reason) -> counts.put(reason, counters.handshakesRejected(reason)));
		for (CloseReason reason : CloseReason.values()) {
			counts.put("closed:" + reason, counters.connectionsClosed(reason));
		}
		return counts;
	}

	/**
	 * One hostile connection against a target: what the node's counters, the output and
	 * the legitimate nodes looked like before it.
	 */
	static final class Attack {

		private final TestNode target;

		private final CapturedOutput output;

		private final Map<String, Long> countsBefore;

		private final LegitimateTraffic.Snapshot before;

		private final int outputMark;

		private LegitimateTraffic.@Nullable Snapshot closed;

		Attack(TestNode target, CapturedOutput output) {
			this.target = target;
			this.output = output;
			this.countsBefore = counts(target);
			this.before = traffic.snapshot();
			this.outputMark = output.getAll().length();
		}

		/**
		 * Asserts (a) to (d): closed by the node, the reason counted (with a
		 * closed-before- the-handshake connection), logged with the remote, no exception
		 * escaped.
		 * @param reply the reject frame the node sends before closing, or {@code null}
		 * for none
		 */
		void assertRefused(Socket socket, Outcome outcome, String reason, String logged, @Nullable RejectReason reply) {
			assertRefused(socket, outcome, reason, logged, reply, Map.of(reason, 1L, "closed:REJECTED", 1L));
		}

		void assertRefused(Socket socket, Outcome outcome, String reason, String logged, @Nullable RejectReason reply,
				Map<String, Long> counted) {
			this.closed = traffic.snapshot();
			// (a)
			assertThat(outcome.ending().closedByNode()).as("%s closed by the node", outcome).isTrue();
			if (outcome.ending() == HostileClient.Ending.EOF && outcome.frames().size() > 0) {
				List<RejectReason> rejects = outcome.frames()
					.stream()
					.filter((frame) -> frame.type() == TcpnetProtocol.REJECT)
					.map(HostileWire.Frame::rejectReason)
					.toList();
				assertThat(rejects).as("reject frames the node sent")
					.isEqualTo((reply != null) ? List.of(reply) : List.of());
			}
			// (b)
			assertCounted(counted);
			// (c)
			assertLogged(socket, logged);
			// (d)
			assertNothingEscaped();
		}

		void assertLogged(Socket socket, String logged) {
			String line = "Refused connection /127.0.0.1:" + socket.getLocalPort() + ": ";
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(newOutput().lines().anyMatch((l) -> l.contains(line) && l.contains(logged)))
							.as("a log line with '%s' and '%s'", line, logged)
							.isTrue());
		}

		void assertCounted(Map<String, Long> expected) {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				Map<String, Long> now = counts(this.target);
				Map<String, Long> moved = new LinkedHashMap<>();
				now.forEach((key, value) -> {
					long delta = value - this.countsBefore.get(key);
					if (delta != 0) {
						moved.put(key, delta);
					}
				});
				assertThat(moved).as("counters of the node that moved").isEqualTo(expected);
			});
		}

		void assertNothingEscaped() {
			assertThat(EscapedFailures.in(newOutput())).as("signs of an escaped failure in the output").isEmpty();
		}

		/**
		 * The legitimate nodes received messages while the hostile connection was open.
		 */
		void assertFlowedDuring() {
			assertThat(this.closed).isNotNull();
			traffic.assertFlowedBetween(this.before, this.closed);
		}

		void assertUnnoticed() {
			traffic.assertUnnoticed(this.before);
		}

		void assertUnnoticed(Map<TestNode, Set<String>> allowedEventsAbout) {
			traffic.assertUnnoticed(this.before, allowedEventsAbout);
		}

		private String newOutput() {
			String all = this.output.getAll();
			return all.substring(Math.min(this.outputMark, all.length()));
		}

	}

}
