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

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.MessageDroppedException;
import dev.tcpnet.NoSuchPeerException;
import dev.tcpnet.TopicStream;
import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.mesh.FakeTransport.FakeConnection;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.registry.DefaultPeerRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * How a {@link TopicStream}'s messages share a session with {@code send}'s: one sequence,
 * one buffer, acknowledgements counted per run, and each drop reported by one flush.
 */
class TopicStreamDeliveryTests {

	private static final NodeId Z = NodeId.of("z");

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final DefaultPeerRegistry registry = new DefaultPeerRegistry(this.events::add);

	private final FakeTransport transport = new FakeTransport();

	private final Mesh mesh = new Mesh(this.transport, this.registry, NodeId.of("m"), "test", 1L,
			MeshSettings.defaults().withBuffer(4, 1 << 20), List.of());

	TopicStreamDeliveryTests() {
		this.mesh.start(new InetSocketAddress("127.0.0.1", 0));
	}

	@AfterEach
	void stop() {
		this.registry.close(Duration.ofSeconds(1));
	}

	@Test
	void streamedAndSentMessagesShareOneSequenceAndAFlushWaitsForTheLastStreamedOne() {
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		TopicStream stream = this.mesh.stream(Z, "t");
		assertThat(stream.offer("one".getBytes())).isTrue();
		CompletableFuture<Void> two = this.mesh.send(Z, "t", "two");
		assertThat(stream.offer("three".getBytes())).isTrue();
		assertThat(z.sent).containsExactly("one", "two", "three");
		CompletableFuture<Void> flushed = stream.flush();
		z.remoteAcknowledges(2);
		assertThat(two).isCompleted();
		assertThat(flushed).isNotDone();
		z.remoteAcknowledges(3);
		assertThat(flushed).isCompleted();
		// Nothing offered since: done at once.
		assertThat(stream.flush()).isCompleted();
	}

	@Test
	void offerIsRefusedWhenTheSharedBufferIsFullAndTakenAgainOnceAcknowledged() {
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		TopicStream stream = this.mesh.stream(Z, "t");
		this.mesh.send(Z, "t", "sent");
		for (int i = 0; i < 3; i++) {
			assertThat(stream.offer(new byte[1])).isTrue();
		}
		assertThat(stream.offer(new byte[1])).isFalse();
		assertThat(this.registry.counters().messagesDropped(MessageDroppedEvent.Reason.OVERFLOW)).isZero();
		z.remoteAcknowledges(1);
		assertThat(stream.offer(new byte[1])).isTrue();
	}

	@Test
	void aSendThatWaitsIsWokenByTheAcknowledgement() throws Exception {
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		TopicStream stream = this.mesh.stream(Z, "t");
		for (int i = 0; i < 4; i++) {
			stream.send(new byte[1], Duration.ZERO);
		}
		assertThatExceptionOfType(MessageDroppedException.class)
			.isThrownBy(() -> stream.send(new byte[1], Duration.ZERO));
		Thread waiting = new Thread(() -> {
			try {
				stream.send("fifth".getBytes(), Duration.ofMinutes(1));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		waiting.start();
		await().untilAsserted(() -> assertThat(waiting.getState()).isEqualTo(Thread.State.TIMED_WAITING));
		z.remoteAcknowledges(1);
		waiting.join();
		assertThat(z.sent).hasSize(5).endsWith("fifth");
	}

	@Test
	void aStreamFollowsItsPeerFromOneSessionToTheNext() {
		FakeConnection first = this.transport.connect("z", 1, Direction.INBOUND, 1);
		TopicStream stream = this.mesh.stream(Z, "t");
		assertThat(stream.offer("one".getBytes())).isTrue();
		first.remoteGoodbye();
		assertThatExceptionOfType(NoSuchPeerException.class).isThrownBy(() -> stream.offer("lost".getBytes()));
		// Back with a new incarnation: a new session, which the stream finds.
		FakeConnection second = this.transport.connect("z", 2, Direction.INBOUND, 2);
		assertThat(stream.offer("two".getBytes())).isTrue();
		assertThat(second.sent).containsExactly("two");
		assertThat(first.sent).containsExactly("one");
	}

	@Test
	void eachDropIsReportedByTheFirstFlushAfterIt() {
		this.transport.connect("z", 1, Direction.INBOUND, 1);
		TopicStream stream = this.mesh.stream(Z, "t");
		stream.offer(new byte[1]);
		CompletableFuture<Void> first = stream.flush();
		stream.offer(new byte[1]);
		this.mesh.leave();
		assertThat(first).isCompletedExceptionally();
		assertThatExceptionOfType(Exception.class).isThrownBy(first::join)
			.havingCause()
			.isInstanceOfSatisfying(MessageDroppedException.class,
					(ex) -> assertThat(ex.getReason()).isEqualTo(MessageDroppedEvent.Reason.SHUTDOWN));
		// The second drop, after the first flush: the next flush reports it, the one
		// after none.
		assertThat(stream.flush()).isCompletedExceptionally();
		assertThat(stream.flush()).isCompleted();
		assertThat(this.registry.counters().messagesDropped(MessageDroppedEvent.Reason.SHUTDOWN)).isEqualTo(2);
	}

}
