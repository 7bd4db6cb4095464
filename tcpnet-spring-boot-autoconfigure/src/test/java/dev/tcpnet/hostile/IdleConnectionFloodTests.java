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
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.registry.TcpnetCounters;
import dev.tcpnet.support.TestNode;
import dev.tcpnet.transport.TcpnetProtocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ten thousand idle connections opened as fast as possible and held, against a node whose
 * two legitimate peers exchange numbered messages the whole time. The node admits
 * {@code tcpnet.max-pending-handshakes} (256) at a time; the excess is closed at once
 * ({@code limit}), the admitted ones time out ({@code timeout}). The figures are printed;
 * the assertions are that every connection is dealt with, the node stays usable (its
 * handshake slots all come back) and the legitimate peers notice nothing.
 *
 * <p>
 * File descriptors: client and server sockets share this JVM and {@code ulimit -n} is
 * 20000 here. The node closes the excess at once and holds at most 256 in their
 * handshake, so the peak is the 10,000 client sockets plus a few hundred: well below the
 * limit, no child process needed. The count is bounded at 10,000 connections or 60 s of
 * opening, and opening stops after 200 failed connects.
 */
class IdleConnectionFloodTests {

	private static final int CONNECTIONS = 10_000;

	private static final Duration OPENING_BOUND = Duration.ofSeconds(60);

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	private static final int MAX_PENDING = 256;

	private static final String CLUSTER = "flood-" + NodeId.random().shortForm();

	private static final List<TestNode> nodes = new ArrayList<>();

	private static TestNode t;

	private static LegitimateTraffic traffic;

	private final HostileClient client = new HostileClient();

	@BeforeAll
	static void startNodes() {
		// INFO: at DEBUG every refusal is a line, ten thousand of them.
		t = start("tcpnet.handshake-timeout=" + HANDSHAKE_TIMEOUT.toMillis() + "ms");
		TestNode l1 = start("tcpnet.discovery.static.peers=" + t.seed());
		TestNode l2 = start("tcpnet.discovery.static.peers=" + t.seed() + "," + l1.seed());
		traffic = new LegitimateTraffic().node("T", t, l1, l2).node("L1", l1, t, l2).node("L2", l2, t, l1);
		traffic.awaitFormed();
	}

	@AfterAll
	static void stopNodes() {
		nodes.forEach(TestNode::close);
		nodes.clear();
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

	@Test
	void tenThousandIdleConnections() {
		TcpnetCounters counters = t.bean(PeerRegistry.class).counters();
		long openedBefore = counters.connectionsOpened(Direction.INBOUND);
		long limitBefore = counters.handshakesRejected("limit");
		long timeoutBefore = counters.handshakesRejected("timeout");
		long rejectedBefore = counters.connectionsClosed(CloseReason.REJECTED);
		LegitimateTraffic.Snapshot before = traffic.snapshot();
		long heapBefore = usedHeapAfterGc();
		long fdsBefore = openFileDescriptors();

		// Open as fast as possible, and hold.
		InetSocketAddress target = new InetSocketAddress("127.0.0.1", t.port());
		List<Socket> sockets = new ArrayList<>(CONNECTIONS);
		int failedConnects = 0;
		long start = System.nanoTime();
		long deadline = start + OPENING_BOUND.toNanos();
		while (sockets.size() < CONNECTIONS && System.nanoTime() < deadline && failedConnects < 200) {
			Socket socket = new Socket();
			this.client.track(socket);
			try {
				socket.connect(target, 2000);
				sockets.add(socket);
			}
			catch (IOException ex) {
				failedConnects++;
			}
		}
		Duration opening = Duration.ofNanos(System.nanoTime() - start);
		long fdsDuring = openFileDescriptors();
		long heapDuring = usedHeapAfterGc();
		LegitimateTraffic.Snapshot opened = traffic.snapshot();
		traffic.assertFlowedBetween(before, opened);
		int held = sockets.size();

		// The node deals with every one: closed at once, or after the handshake timeout.
		await().atMost(HANDSHAKE_TIMEOUT.plusSeconds(60))
			.untilAsserted(() -> assertThat((counters.handshakesRejected("limit") - limitBefore)
					+ (counters.handshakesRejected("timeout") - timeoutBefore))
				.isEqualTo(counters.connectionsOpened(Direction.INBOUND) - openedBefore)
				.isEqualTo(held));
		long limited = counters.handshakesRejected("limit") - limitBefore;
		long timedOut = counters.handshakesRejected("timeout") - timeoutBefore;

		// The client's view: a node that admitted the connection sent its preface first.
		int sawPreface = 0;
		int closedWithoutAWord = 0;
		int stillOpen = 0;
		for (Socket socket : sockets) {
			HostileClient.Outcome outcome = HostileClient.readUntilClosed(socket, Duration.ofSeconds(5));
			if (!outcome.ending().closedByNode()) {
				stillOpen++;
			}
			else if (outcome.received().length > 0) {
				sawPreface += startsWithPreface(outcome.received()) ? 1 : 0;
			}
			else {
				closedWithoutAWord++;
			}
		}
		LegitimateTraffic.Snapshot dealtWith = traffic.snapshot();
		this.client.close();
		// Drop the client's side too, so that "after" is about the node.
		sockets.clear();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(counters.connectionsClosed(CloseReason.REJECTED) - rejectedBefore)
				.isEqualTo(held));
		long heapAfter = usedHeapAfterGc();
		long fdsAfter = openFileDescriptors();

		System.out
			.printf("%nIDLE FLOOD: %,d connections opened in %,d ms (%d failed connects); node T: %,d closed at once"
					+ " (limit), %,d admitted then timed out; client view: %,d got the preface then EOF, %,d EOF without a"
					+ " byte, %d still open%n", held, opening.toMillis(), failedConnects, limited, timedOut, sawPreface,
					closedWithoutAWord, stillOpen);
		System.out.printf(
				"IDLE FLOOD: used heap after GC (one JVM: T, L1, L2; during also holds the client's sockets):"
						+ " before %,d KB, during"
						+ " %,d KB (+%,d KB), after %,d KB (+%,d KB); open fds before %d, during %d, after %d%n%n",
				heapBefore / 1024, heapDuring / 1024, (heapDuring - heapBefore) / 1024, heapAfter / 1024,
				(heapAfter - heapBefore) / 1024, fdsBefore, fdsDuring, fdsAfter);

		assertThat(held).as("connections opened").isPositive();
		assertThat(stillOpen).as("connections the node never closed").isZero();
		assertThat(sawPreface).as("admitted connections, seen by the client").isEqualTo(timedOut);
		assertThat(closedWithoutAWord).as("connections closed at once, seen by the client").isEqualTo(limited);
		traffic.assertFlowedBetween(opened, dealtWith);
		assertAllHandshakeSlotsCameBack(counters);
		traffic.assertUnnoticed(before);
	}

	/**
	 * The node still admits exactly {@code max-pending-handshakes} new connections at
	 * once: no slot was lost (nor given back twice) in the flood.
	 */
	private void assertAllHandshakeSlotsCameBack(TcpnetCounters counters) {
		long openedBefore = counters.connectionsOpened(Direction.INBOUND);
		long timeoutBefore = counters.handshakesRejected("timeout");
		long limitBefore = counters.handshakesRejected("limit");
		List<Socket> sockets = new ArrayList<>();
		try (HostileClient probes = new HostileClient()) {
			for (int i = 0; i < MAX_PENDING + 1; i++) {
				sockets.add(probes.connect(t.port()));
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> counters.connectionsOpened(Direction.INBOUND) - openedBefore == MAX_PENDING + 1);
			boolean noneTimedOutYet = counters.handshakesRejected("timeout") == timeoutBefore;
			int admitted = 0;
			for (Socket socket : sockets) {
				byte[] preface = HostileClient.readUpTo(socket, TcpnetProtocol.PREFACE_LENGTH, Duration.ofSeconds(1));
				admitted += startsWithPreface(preface) ? 1 : 0;
			}
			if (noneTimedOutYet) {
				// All 257 were in their handshake together: exactly one over the limit.
				assertThat(admitted).as("admitted of %d at once", MAX_PENDING + 1).isEqualTo(MAX_PENDING);
				assertThat(counters.handshakesRejected("limit") - limitBefore).isEqualTo(1);
			}
			else {
				// A slow machine: some timed out while the others were opened; each slot
				// that
				// came back admitted one more.
				assertThat(admitted).as("admitted of %d", MAX_PENDING + 1).isGreaterThanOrEqualTo(MAX_PENDING);
			}
		}
	}

	private static boolean startsWithPreface(byte[] bytes) {
		return bytes.length >= TcpnetProtocol.PREFACE_LENGTH && ByteBuffer.wrap(bytes).getInt() == TcpnetProtocol.MAGIC
				&& bytes[4] == TcpnetProtocol.MIN_VERSION;
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long openFileDescriptors() {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.count();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static TestNode start(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("tcpnet.cluster=" + CLUSTER);
		all.add("tcpnet.discovery.mdns.enabled=false");
		all.add("tcpnet.discovery.static.refresh-interval=500ms");
		all.add("logging.level.dev.tcpnet=INFO");
		TestNode node = TestNode.start(all.toArray(String[]::new));
		nodes.add(node);
		return node;
	}

}
