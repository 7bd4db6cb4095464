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

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tcpnet.MessageDroppedException;
import dev.tcpnet.NoSuchPeerException;
import dev.tcpnet.RequestHandler;
import dev.tcpnet.Tcpnet;
import dev.tcpnet.TopicListener;
import dev.tcpnet.TopicStream;
import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.message.Headers;
import dev.tcpnet.metrics.TcpnetMeters;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link TopicStream} between real nodes on loopback: back-pressure that waits for the
 * peer's acknowledgements instead of dropping, one flush for everything sent, exactly
 * once and in order across a connection reset, mixed with {@code send}, and received in
 * batches by {@link TopicListener#onMessages}.
 */
class TopicStreamTests {

	private static final int PAYLOAD = 16 * 1024;

	private static volatile CountDownLatch stalled = new CountDownLatch(1);

	private final String cluster = "stream-" + NodeId.random().shortForm();

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
	void offerRefusesWhenTheBufferIsFullAndSendWaitsUntilTheSlowListenerCatchesUp() throws Exception {
		TestNode receiver = start(StalledListener.class, "tcpnet.delivery.receive-buffer-max-size=64KB");
		TestNode sender = stalledSender(receiver);
		TopicStream stream = sender.tcpnet().stream(receiver.id(), "stalled");
		int taken = fill(stream);
		AtomicReference<Throwable> failed = new AtomicReference<>();
		Thread waiting = new Thread(() -> {
			try {
				stream.send(new byte[PAYLOAD], Duration.ofMinutes(1));
			}
			catch (Throwable ex) {
				failed.set(ex);
			}
		});
		waiting.start();
		await().untilAsserted(() -> assertThat(waiting.getState()).isEqualTo(Thread.State.TIMED_WAITING));
		CompletableFuture<Void> flushed = stream.flush();
		assertThat(flushed).isNotDone();
		stalled.countDown();
		waiting.join(TimeUnit.SECONDS.toMillis(60));
		assertThat(waiting.isAlive()).isFalse();
		assertThat(failed.get()).isNull();
		flushed.get(60, TimeUnit.SECONDS);
		stream.flush().get(60, TimeUnit.SECONDS);
		await().untilAsserted(() -> assertThat(receiver.bean(StalledListener.class).received).hasSize(taken + 1));
		assertThat(sender.bean(PeerRegistry.class).counters().messagesDropped(MessageDroppedEvent.Reason.OVERFLOW))
			.isZero();
	}

	@Test
	void aPeerThatStopsReadingHoldsSendForMaxWaitAtMostAndNoMoreMemoryThanTheBuffer() throws Exception {
		TestNode receiver = start(StalledListener.class, "tcpnet.delivery.receive-buffer-max-size=64KB");
		TestNode sender = stalledSender(receiver);
		TopicStream stream = sender.tcpnet().stream(receiver.id(), "stalled");
		fill(stream);
		Duration maxWait = Duration.ofMillis(100);
		for (int i = 0; i < 20; i++) {
			long start = System.nanoTime();
			assertThatExceptionOfType(MessageDroppedException.class)
				.isThrownBy(() -> stream.send(new byte[PAYLOAD], maxWait))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(MessageDroppedEvent.Reason.OVERFLOW));
			long waited = System.nanoTime() - start;
			assertThat(waited).isGreaterThanOrEqualTo(maxWait.toNanos())
				.isLessThan(maxWait.toNanos() + TimeUnit.SECONDS.toNanos(10));
		}
		// Counted and published as send's overflows are.
		assertThat(sender.bean(PeerRegistry.class).counters().messagesDropped(MessageDroppedEvent.Reason.OVERFLOW))
			.isEqualTo(20);
		assertThat(sender.bean(MeterRegistry.class).get(TcpnetMeters.BUFFER_BYTES).gauge().value())
			.isLessThanOrEqualTo(10 * PAYLOAD);
		// Interrupted while waiting: not sent, not counted as dropped.
		Thread current = Thread.currentThread();
		Thread interrupter = new Thread(() -> {
			await().until(() -> current.getState() == Thread.State.TIMED_WAITING);
			current.interrupt();
		});
		interrupter.start();
		assertThatExceptionOfType(InterruptedException.class)
			.isThrownBy(() -> stream.send(new byte[PAYLOAD], Duration.ofMinutes(1)));
		interrupter.join();
		assertThat(sender.bean(PeerRegistry.class).counters().messagesDropped(MessageDroppedEvent.Reason.OVERFLOW))
			.isEqualTo(20);
	}

	@Test
	void flushFailsWithTheReasonWhenThePeerLeavesBeforeAcknowledging() throws Exception {
		TestNode receiver = start(StalledListener.class, "tcpnet.delivery.receive-buffer-max-size=64KB");
		TestNode sender = stalledSender(receiver);
		TopicStream stream = sender.tcpnet().stream(receiver.id(), "stalled");
		fill(stream);
		CompletableFuture<Void> flushed = stream.flush();
		NodeId gone = receiver.id();
		this.nodes.remove(receiver);
		// Leaves with its listener still stalled: what it did not read is never
		// acknowledged.
		Thread leaving = new Thread(receiver::close);
		leaving.start();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> flushed.get(60, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOfSatisfying(MessageDroppedException.class,
					(ex) -> assertThat(ex.getReason()).isEqualTo(MessageDroppedEvent.Reason.LEFT));
		assertThat(sender.bean(PeerRegistry.class).counters().messagesDropped(MessageDroppedEvent.Reason.LEFT))
			.isPositive();
		stalled.countDown();
		leaving.join();
		// As send: a peer that is not known cannot be streamed to.
		await().untilAsserted(
				() -> assertThatExceptionOfType(NoSuchPeerException.class).isThrownBy(() -> stream.offer(new byte[1])));
		assertThatExceptionOfType(NoSuchPeerException.class).isThrownBy(() -> sender.tcpnet().stream(gone, "t"));
	}

	@Test
	void streamedAndSentMessagesArriveOnceAndInOrderAcrossAResetAndInBatches() throws Exception {
		int messages = 20_000;
		TestNode receiver = start(BatchListener.class);
		try (Relay relay = new Relay(receiver.port())) {
			TestNode sender = start(null, "tcpnet.discovery.static.peers=127.0.0.1:" + relay.port());
			await().untilAsserted(() -> assertThat(sender.tcpnet().peers()).hasSize(1));
			TopicStream stream = sender.tcpnet().stream(receiver.id(), BatchListener.TOPIC);
			List<CompletableFuture<Void>> sent = new ArrayList<>();
			for (int i = 0; i < messages; i++) {
				byte[] payload = ByteBuffer.allocate(4).putInt(i).array();
				if (i % 1000 == 999) {
					// Interleaved with send, with headers: delivered alone, in its place.
					// The buffer is shared, and send does not wait for room: make some.
					stream.flush().get(60, TimeUnit.SECONDS);
					sent.add(sender.tcpnet()
						.send(receiver.id(), BatchListener.TOPIC, payload,
								Headers.of(Map.of("n", Integer.toString(i)))));
				}
				else {
					stream.send(payload, Duration.ofSeconds(30));
				}
				if (i == messages / 5) {
					relay.reset();
				}
			}
			stream.flush().get(60, TimeUnit.SECONDS);
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			BatchListener listener = receiver.bean(BatchListener.class);
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(listener.next).hasValue(messages));
			assertThat(listener.problems).isEmpty();
			assertThat(listener.withHeaders).hasValue(messages / 1000);
			assertThat(listener.largestBatch).hasValueGreaterThan(1);
		}
	}

	@Test
	void aStreamedMessageAllocatesNothingOnTheSendingThreadBeyondItsPayload() throws Exception {
		TestNode receiver = start(CountingListener.class);
		TestNode sender = start(null, "tcpnet.discovery.static.peers=" + receiver.seed());
		await().untilAsserted(() -> assertThat(sender.tcpnet().peers()).hasSize(1));
		TopicStream stream = sender.tcpnet().stream(receiver.id(), CountingListener.TOPIC);
		byte[] payload = new byte[64];
		int messages = 200_000;
		// The first round grows the buffer and the writer's queues to their working
		// size, and gets the path compiled.
		sendAll(stream, payload, messages);
		long before = allocatedBytes();
		sendAll(stream, payload, messages);
		long perMessage = (allocatedBytes() - before) / messages;
		stream.flush().get(60, TimeUnit.SECONDS);
		await().untilAsserted(() -> assertThat(receiver.bean(CountingListener.class).received).hasValue(2 * messages));
		// An envelope, its entry in the buffer and a frame took 115 bytes a message.
		assertThat(perMessage).as("bytes allocated a message").isLessThan(4);
	}

	private static void sendAll(TopicStream stream, byte[] payload, int messages) throws InterruptedException {
		Duration maxWait = Duration.ofSeconds(30);
		for (int i = 0; i < messages; i++) {
			stream.send(payload, maxWait);
		}
	}

	private static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	@Test
	void sendOnANetworkThreadIsRefusedButOfferIsNot() {
		TestNode receiver = start(null);
		TestNode sender = start(NetworkThreadHandler.class, "tcpnet.discovery.static.peers=" + receiver.seed());
		await().untilAsserted(() -> assertThat(receiver.tcpnet().peers()).hasSize(1));
		byte[] answer = receiver.tcpnet()
			.request(sender.id(), "on-network-thread", receiver.id().value().getBytes(StandardCharsets.UTF_8),
					Duration.ofSeconds(30))
			.join();
		assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("refused, offered");
	}

	private TestNode stalledSender(TestNode receiver) {
		TestNode sender = start(null, "tcpnet.discovery.static.peers=" + receiver.seed(),
				"tcpnet.delivery.buffer-max=10", "tcpnet.heartbeat.write-timeout=1m");
		await().untilAsserted(() -> assertThat(sender.tcpnet().peers()).hasSize(1));
		return sender;
	}

	// Offers until the sender's buffer is full: the receiver's reads pause at its
	// receive buffer, and the sender's buffer (10 messages) fills.
	private static int fill(TopicStream stream) {
		AtomicInteger taken = new AtomicInteger();
		await().untilAsserted(() -> {
			while (stream.offer(new byte[PAYLOAD])) {
				taken.incrementAndGet();
			}
			// Still full a moment later: what was read before the pause is acknowledged.
			Thread.sleep(200);
			boolean offered = stream.offer(new byte[PAYLOAD]);
			if (offered) {
				taken.incrementAndGet();
			}
			assertThat(offered).isFalse();
		});
		assertThat(taken.get()).isGreaterThanOrEqualTo(10);
		return taken.get();
	}

	private TestNode start(Class<?> configuration, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("tcpnet.cluster=" + this.cluster);
		all.add("tcpnet.discovery.mdns.enabled=false");
		all.add("logging.level.dev.tcpnet=INFO");
		TestNode node = TestNode.startWith((configuration != null) ? new Class<?>[] { configuration } : new Class<?>[0],
				all.toArray(String[]::new));
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

	static class CountingListener implements TopicListener {

		static final String TOPIC = "counted";

		final AtomicInteger received = new AtomicInteger();

		@Override
		public String topic() {
			return TOPIC;
		}

		@Override
		public void onMessages(Peer from, List<byte[]> payloads) {
			this.received.addAndGet(payloads.size());
		}

		@Override
		public void onMessage(Peer from, byte[] payload) {
			this.received.incrementAndGet();
		}

	}

	/** As the README shows it: a listener that takes a read's messages at once. */
	static class BatchListener implements TopicListener {

		static final String TOPIC = "numbered";

		final AtomicInteger next = new AtomicInteger();

		final AtomicInteger largestBatch = new AtomicInteger();

		final AtomicInteger withHeaders = new AtomicInteger();

		final List<String> problems = new CopyOnWriteArrayList<>();

		@Override
		public String topic() {
			return TOPIC;
		}

		@Override
		public void onMessages(Peer from, List<byte[]> payloads) {
			this.largestBatch.accumulateAndGet(payloads.size(), Math::max);
			for (byte[] payload : payloads) {
				onMessage(from, payload);
			}
		}

		@Override
		public void onMessage(Peer from, byte[] payload, Headers headers) {
			if (headers.isEmpty()) {
				onMessage(from, payload);
				return;
			}
			int n = ByteBuffer.wrap(payload).getInt();
			if (!Integer.toString(n).equals(headers.getString("n"))) {
				this.problems.add(n + " came alone with headers " + headers);
			}
			this.withHeaders.incrementAndGet();
			onMessage(from, payload);
		}

		@Override
		public void onMessage(Peer from, byte[] payload) {
			int n = ByteBuffer.wrap(payload).getInt();
			int expected = this.next.getAndIncrement();
			if (n != expected) {
				this.problems.add(n + " instead of " + expected);
				this.next.set(n + 1);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NetworkThreadHandler {

		@Bean
		RequestHandler onNetworkThread(ObjectProvider<Tcpnet> tcpnet) {
			return new RequestHandler() {

				@Override
				public String topic() {
					return "on-network-thread";
				}

				@Override
				public byte[] handle(Peer from, byte[] payload) throws Exception {
					TopicStream stream = tcpnet.getObject().stream(from.nodeId(), "t");
					String refused;
					try {
						stream.send(new byte[1], Duration.ofSeconds(1));
						refused = "sent";
					}
					catch (IllegalStateException ex) {
						refused = "refused";
					}
					return (refused + ", " + (stream.offer(new byte[1]) ? "offered" : "full"))
						.getBytes(StandardCharsets.UTF_8);
				}

				@Override
				public boolean isNonBlocking() {
					return true;
				}

			};
		}

	}

}
