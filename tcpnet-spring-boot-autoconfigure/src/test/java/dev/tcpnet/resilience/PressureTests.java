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

package dev.tcpnet.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tcpnet.TopicListener;
import dev.tcpnet.actuate.TcpnetEndpoint;
import dev.tcpnet.actuate.TcpnetEndpoint.PeerDescriptor;
import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.metrics.TcpnetMeters;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What waits in a node's buffers is bounded in bytes and visible before it hurts: a
 * receiver whose listener stalls stops reading once the receive buffer is full (its
 * senders buffer up to their own bound, then refuse with OVERFLOW), the gauges and the
 * endpoint show it, drop events of a tight loop of refused sends are summed rather than
 * queued one per send, and the futures' stages never run on tcpnet's threads.
 */
class PressureTests {

	private static final int PAYLOAD = 16 * 1024;

	private static volatile CountDownLatch stalled = new CountDownLatch(1);

	private final String cluster = "pressure-" + NodeId.random().shortForm();

	private final List<TestNode> nodes = new ArrayList<>();

	@BeforeEach
	void stall() {
		stalled = new CountDownLatch(1);
	}

	@AfterEach
	void stop() {
		stalled.countDown();
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void aStalledListenerPausesReadsAtTheReceiveBufferAndTheGaugesShowTheBacklog() {
		TestNode receiver = start(StalledListener.class, "tcpnet.delivery.receive-buffer-max-size=256KB");
		TestNode sender = start(null, "tcpnet.discovery.static.peers=" + receiver.seed(),
				"tcpnet.delivery.buffer-max=1000", "tcpnet.delivery.buffer-max-size=8MB",
				"tcpnet.heartbeat.write-timeout=1m");
		await().untilAsserted(() -> assertThat(sender.tcpnet().peers()).hasSize(1));
		List<CompletableFuture<Void>> sent = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			sent.add(sender.tcpnet().send(receiver.id(), "stalled", new byte[PAYLOAD]));
		}
		MeterRegistry receiverMeters = receiver.bean(MeterRegistry.class);
		MeterRegistry senderMeters = sender.bean(MeterRegistry.class);
		await().untilAsserted(() -> {
			assertThat(receiverMeters.get(TcpnetMeters.READS_PAUSED).gauge().value()).isOne();
			assertThat(senderMeters.get(TcpnetMeters.BUFFER_MESSAGES).gauge().value()).isPositive();
		});
		// Bounded in bytes: the receive buffer and one read past it, not the 4.7 MB sent.
		long pendingBytes = receiver.bean(PeerRegistry.class).pressure().pendingBytes();
		assertThat(pendingBytes).isBetween(256L * 1024, 256L * 1024 + 1024 * 1024);
		assertThat(receiverMeters.get(TcpnetMeters.EVENTS_PENDING).gauge().value()).isPositive();
		// What the receiver does not take waits in the sender's buffer, bounded by it.
		assertThat(senderMeters.get(TcpnetMeters.BUFFER_BYTES).gauge().value()).isPositive()
			.isLessThanOrEqualTo(8 * 1024 * 1024);
		PeerDescriptor receiverSeenBySender = endpoint(sender).peer(receiver.id().value());
		assertThat(receiverSeenBySender.bufferedMessages()).isPositive();
		assertThat(receiverSeenBySender.bufferedBytes()).isPositive();
		assertThat(endpoint(receiver).peer(sender.id().value()).readsPaused()).isTrue();
		stalled.countDown();
		await().untilAsserted(() -> {
			assertThat(receiverMeters.get(TcpnetMeters.READS_PAUSED).gauge().value()).isZero();
			assertThat(senderMeters.get(TcpnetMeters.BUFFER_MESSAGES).gauge().value()).isZero();
			assertThat(sent).allMatch(CompletableFuture::isDone);
		});
		long delivered = sent.stream().filter((f) -> !f.isCompletedExceptionally()).count();
		assertThat(receiver.bean(StalledListener.class).received).hasSize((int) delivered);
	}

	@Test
	void aTightLoopOfRefusedSendsPublishesAFewSummedDropEventsAndCountsEveryDrop() {
		TestNode receiver = start(StalledListener.class, "tcpnet.delivery.receive-buffer-max-size=64KB");
		TestNode sender = start(null, "tcpnet.discovery.static.peers=" + receiver.seed(),
				"tcpnet.delivery.buffer-max=10", "tcpnet.heartbeat.write-timeout=1m");
		List<MessageDroppedEvent> drops = new CopyOnWriteArrayList<>();
		sender.context().addApplicationListener((ApplicationEvent event) -> {
			if (event instanceof MessageDroppedEvent drop) {
				drops.add(drop);
			}
		});
		await().untilAsserted(() -> assertThat(sender.tcpnet().peers()).hasSize(1));
		long refused = 0;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
		for (int i = 0; i < 200_000 && System.nanoTime() < deadline; i++) {
			if (sender.tcpnet().send(receiver.id(), "stalled", new byte[PAYLOAD]).isCompletedExceptionally()) {
				refused++;
			}
		}
		long counted = refused;
		assertThat(refused).isGreaterThan(1000);
		await().untilAsserted(
				() -> assertThat(drops.stream().mapToLong(MessageDroppedEvent::getCount).sum()).isEqualTo(counted));
		// One at once, then one a second with the rest: a handful, not one per send.
		assertThat(drops).hasSizeLessThan(10);
		assertThat(sender.bean(PeerRegistry.class).counters().messagesDropped(MessageDroppedEvent.Reason.OVERFLOW))
			.isEqualTo(refused);
	}

	@Test
	void stagesChainedToFuturesRunOnTheApplicationTaskExecutorNeverOnTcpnetThreads() {
		TestNode receiver = start(null);
		TestNode sender = start(null, "tcpnet.discovery.static.peers=" + receiver.seed());
		await().untilAsserted(() -> assertThat(sender.tcpnet().peers()).hasSize(1));
		List<String> threads = new CopyOnWriteArrayList<>();
		List<CompletableFuture<?>> stages = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			stages.add(sender.tcpnet()
				.send(receiver.id(), "t", "x")
				.thenRun(() -> threads.add(Thread.currentThread().getName())));
		}
		CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).join();
		assertThat(threads).hasSize(50).allSatisfy((thread) -> assertThat(thread).startsWith("task-"));
	}

	private static TcpnetEndpoint endpoint(TestNode node) {
		return new TcpnetEndpoint(node.tcpnet(), node.bean(PeerRegistry.class), List.of());
	}

	private TestNode start(Class<?> configuration, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("tcpnet.cluster=" + this.cluster);
		all.add("tcpnet.discovery.mdns.enabled=false");
		Class<?>[] classes = (configuration != null) ? new Class<?>[] { configuration } : new Class<?>[0];
		TestNode node = TestNode.startWith(classes, all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

	@Configuration(proxyBeanMethods = false)
	static class StalledListener {

		final List<Integer> received = new CopyOnWriteArrayList<>();

		@Bean
		TopicListener stalledTopic() {
			return new TopicListener() {

				@Override
				public String topic() {
					return "stalled";
				}

				@Override
				public void onMessage(Peer from, byte[] payload) throws InterruptedException {
					stalled.await();
					StalledListener.this.received.add(payload.length);
				}

			};
		}

	}

}
