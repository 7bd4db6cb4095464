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

package dev.tcpnet.transport.netty;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.registry.TcpnetCounters;
import dev.tcpnet.support.NumberedMessages;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that completes the handshake, then floods pings and never reads, against a node
 * on real sockets (write timeout 1 s) that exchanges numbered messages with a legitimate
 * peer the whole time. What the node queues for the flooding peer stays bounded, the
 * connection is closed as stalled and counted so, the log names the peer, and the
 * legitimate peer notices nothing: no disconnect, every message once and in order.
 */
@ExtendWith(OutputCaptureExtension.class)
class StalledPeerTests {

	/**
	 * Netty's bytes at the high water mark and a batch over it, a batch of pongs in the
	 * writer, and room for the legitimate peer.
	 */
	static final long OUTBOUND_BOUND = NettyTransport.WRITE_BUFFER_HIGH_WATER_MARK + 2 * FrameWriter.BATCH_BYTES
			+ 64 * 1024;

	private static final int WINDOW = 100;

	private final String cluster = "stall-" + NodeId.random().shortForm();

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void aPeerThatFloodsPingsAndNeverReadsIsClosedAsStalledAndCostsABoundedAmount(CapturedOutput output)
			throws Exception {
		TestNode node = start("tcpnet.heartbeat.write-timeout=1s");
		TestNode legitimate = start("tcpnet.discovery.static.peers=" + node.seed());
		NeverReadingPeer hostile = new NeverReadingPeer(this.cluster, node.port());
		this.resources.add(hostile);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> node.tcpnet().peer(legitimate.id()).isPresent()
					&& node.tcpnet().peer(hostile.nodeId).isPresent()
					&& legitimate.tcpnet().peer(node.id()).isPresent());
		NettyTransport transport = node.bean(NettyTransport.class);
		TcpnetCounters counters = node.bean(PeerRegistry.class).counters();
		AtomicBoolean stalled = new AtomicBoolean();
		CompletableFuture<Integer> toNode = sendUntilAfter(legitimate, node, stalled);
		CompletableFuture<Integer> fromNode = sendUntilAfter(node, legitimate, stalled);
		long start = System.nanoTime();
		hostile.startFlooding();
		AtomicLong peak = new AtomicLong();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
			peak.accumulateAndGet(transport.outboundBytes(), Math::max);
			return counters.connectionsClosed(CloseReason.STALLED) > 0;
		});
		long closedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		stalled.set(true);
		assertThat(peak.get()).as("bytes queued for the sockets").isLessThanOrEqualTo(OUTBOUND_BOUND);
		assertThat(counters.connectionsClosed(CloseReason.STALLED)).isEqualTo(1);
		assertThat(output).contains("Closing connection to peer " + hostile.nodeId + " at /127.0.0.1:"
				+ hostile.localAddress().getPort() + ": writes stalled");
		await().untilAsserted(() -> assertThat(node.disconnects()).singleElement().satisfies((event) -> {
			assertThat(event.getPeer().nodeId()).isEqualTo(hostile.nodeId);
			assertThat(event.getReason()).isEqualTo(PeerDisconnectedEvent.Reason.LOST);
		}));
		await().atMost(Duration.ofSeconds(30)).until(hostile::floodEnded);
		int sentToNode = toNode.get(60, TimeUnit.SECONDS);
		int sentFromNode = fromNode.get(60, TimeUnit.SECONDS);
		NumberedMessages.awaitAll(node, legitimate, sentToNode);
		NumberedMessages.awaitAll(legitimate, node, sentFromNode);
		assertThat(legitimate.disconnects()).isEmpty();
		assertThat(counters.connectionsClosed(CloseReason.LOST)).isZero();
		System.out.printf(
				"FIGURES never-reading peer: %d pings sent, closed as stalled %d ms after the flood began, "
						+ "peak bytes queued for the sockets %d (bound %d); %d + %d numbered messages, 0 lost%n",
				hostile.pingsSent(), closedAfterMillis, peak.get(), OUTBOUND_BOUND, sentToNode, sentFromNode);
	}

	/**
	 * Sends numbered messages in acknowledged windows until a few windows after
	 * {@code after} is set (at most 2 minutes).
	 * @return how many were sent
	 */
	private static CompletableFuture<Integer> sendUntilAfter(TestNode from, TestNode to, AtomicBoolean after) {
		return CompletableFuture.supplyAsync(() -> {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
			int n = 0;
			int windowsAfter = 0;
			while (windowsAfter < 10 && System.nanoTime() < deadline) {
				if (after.get()) {
					windowsAfter++;
				}
				List<CompletableFuture<Void>> window = new ArrayList<>();
				for (int i = 0; i < WINDOW; i++) {
					window.add(from.tcpnet()
						.send(to.id(), NumberedMessages.TOPIC, ByteBuffer.allocate(4).putInt(n++).array()));
				}
				CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
			}
			return n;
		});
	}

	private TestNode start(String... properties) {
		List<String> all = new ArrayList<>(
				List.of("tcpnet.cluster=" + this.cluster, "tcpnet.discovery.mdns.enabled=false"));
		all.addAll(List.of(properties));
		TestNode node = TestNode.startWith(new Class<?>[] { NumberedMessages.class }, all.toArray(String[]::new));
		this.resources.add(node);
		return node;
	}

}
