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
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.support.NumberedMessages;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on real sockets: the receiver stops reading from the sender, as the mesh does
 * while its listeners lag, and the sender sends 20 MB in 64 KiB messages meanwhile. The
 * sender's writer stops at the high water mark with the rest waiting as frames, resumes
 * when the receiver reads again, and every message arrives once and in order. The write
 * timeout is long here: this is back-pressure, not a stall.
 */
class BackPressureTests {

	private static final int MESSAGES = 300;

	private static final int MESSAGE_BYTES = 64 * 1024;

	/**
	 * Netty's bytes at the high water mark, and one frame over it with its per-write
	 * overhead.
	 */
	private static final long SOCKET_BOUND = NettyTransport.WRITE_BUFFER_HIGH_WATER_MARK + MESSAGE_BYTES + 1024;

	private final String cluster = "pressure-" + NodeId.random().shortForm();

	private final List<TestNode> nodes = new ArrayList<>();

	@AfterEach
	void stop() {
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void aSenderWhosePeerStopsReadingStopsAtTheWaterMarkAndResumesLosingNothing() throws Exception {
		TestNode receiver = start();
		TestNode sender = start("tcpnet.discovery.static.peers=" + receiver.seed());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> sender.tcpnet().peer(receiver.id()).isPresent()
					&& receiver.tcpnet().peer(sender.id()).isPresent());
		NettyConnection toReceiver = onlyConnection(sender);
		NettyConnection fromSender = onlyConnection(receiver);
		fromSender.pauseReading(true);
		List<CompletableFuture<Void>> sent = new ArrayList<>();
		for (int n = 0; n < MESSAGES; n++) {
			byte[] payload = ByteBuffer.allocate(MESSAGE_BYTES).putInt(n).array();
			sent.add(sender.tcpnet().send(receiver.id(), NumberedMessages.TOPIC, payload));
		}
		AtomicLong peak = new AtomicLong();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
			peak.accumulateAndGet(toReceiver.socketPendingBytes(), Math::max);
			return !toReceiver.channelIsWritable() && toReceiver.writer().queuedBytes() > 0;
		});
		long waitingInWriter = toReceiver.writer().queuedBytes();
		assertThat(peak.get()).as("bytes Netty holds for the socket").isLessThanOrEqualTo(SOCKET_BOUND);
		assertThat(waitingInWriter).as("frames waiting in the writer").isGreaterThan(MESSAGE_BYTES);
		fromSender.pauseReading(false);
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		NumberedMessages.awaitAll(receiver, sender, MESSAGES);
		assertThat(toReceiver.outboundBytes()).isZero();
		assertThat(sender.bean(PeerRegistry.class).counters().connectionsClosed(CloseReason.STALLED)).isZero();
		assertThat(sender.disconnects()).isEmpty();
		assertThat(receiver.disconnects()).isEmpty();
		System.out.printf(
				"FIGURES back-pressure: peak %d bytes held by Netty for the socket (bound %d), %d bytes of "
						+ "frames waiting in the writer; %d messages of %d B, 0 lost%n",
				peak.get(), SOCKET_BOUND, waitingInWriter, MESSAGES, MESSAGE_BYTES);
	}

	private static NettyConnection onlyConnection(TestNode node) {
		List<NettyConnection> connections = node.bean(NettyTransport.class).connections();
		assertThat(connections).hasSize(1);
		return connections.get(0);
	}

	private TestNode start(String... properties) {
		// The sender's buffer takes all 20 MB: what is measured is the writer and the
		// socket, not the buffer's refusal.
		List<String> all = new ArrayList<>(
				List.of("tcpnet.cluster=" + this.cluster, "tcpnet.discovery.mdns.enabled=false",
						"tcpnet.heartbeat.write-timeout=60s", "tcpnet.delivery.buffer-max-size=32MB"));
		all.addAll(List.of(properties));
		TestNode node = TestNode.startWith(new Class<?>[] { NumberedMessages.class }, all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

}
