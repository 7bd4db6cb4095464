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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.Broadcast;
import dev.tcpnet.NoSuchPeerException;
import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent.Reason;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.mesh.FakeTransport.FakeConnection;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.registry.TcpnetCounters;
import dev.tcpnet.transport.PeerAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The mesh's rules, driven through an in-memory transport. Local node id is "m"; remote
 * ids are chosen around it so that the tie-break is known: "a" &lt; "m" &lt; "z".
 */
class MeshTests {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final DefaultPeerRegistry registry = new DefaultPeerRegistry(this.events::add);

	private final FakeTransport transport = new FakeTransport();

	private final Mesh mesh = new Mesh(this.transport, this.registry, NodeId.of("m"), "test", 1L, settings(),
			List.of());

	MeshTests() {
		this.mesh.start(new InetSocketAddress("127.0.0.1", 0));
	}

	@AfterEach
	void stop() {
		this.registry.close(Duration.ofSeconds(1));
	}

	@Test
	void sightingsOfSelfConnectedOrBeingDialedNodesAreNotDialed() {
		this.mesh.sighted(sighting("m", 7200));
		this.mesh.sighted(sighting("z", 7100));
		this.mesh.sighted(sighting("z", 7100));
		assertThat(this.transport.dials).hasSize(1);
		this.transport.connect("a", 1, Direction.INBOUND, 1);
		this.mesh.sighted(sighting("a", 7300));
		assertThat(this.transport.dials).hasSize(1);
	}

	@Test
	void sightingOfOwnAddressIsNotDialed() {
		this.mesh.sighted(new Sighting("static", null, List.of(new InetSocketAddress("127.0.0.1", 7000))));
		assertThat(this.transport.dials).isEmpty();
	}

	@Test
	void newPeerIsConnectedOnceAndItsMessagesFollow() {
		FakeConnection connection = this.transport.connect("z", 1, Direction.INBOUND, 1);
		connection.remoteSays("hello");
		await().untilAsserted(() -> assertThat(this.events).hasSize(2));
		assertThat(this.events.get(0)).isInstanceOf(PeerConnectedEvent.class);
		assertThat(this.events.get(1)).isInstanceOfSatisfying(PeerMessageEvent.class,
				(event) -> assertThat(event.getPayloadAsString()).isEqualTo("hello"));
	}

	@Test
	void aMessageReadAfterTheNodeLeftIsNotDelivered() {
		FakeConnection connection = this.transport.connect("z", 1, Direction.INBOUND, 1);
		connection.remoteSays("before");
		await().untilAsserted(() -> assertThat(messages()).containsExactly("before"));
		// The connection keeps its listener, which knows the session: leaving must
		// still end the delivery of what it reads.
		this.mesh.leave();
		connection.remoteSays("after");
		// Whatever was handed to the listeners' thread has run once it has stopped.
		this.registry.close(Duration.ofSeconds(10));
		assertThat(messages()).containsExactly("before");
	}

	@Test
	void secondConnectionThatLosesTheRuleIsDroppedQuietly() {
		// "m" < "z": the connection "m" dialed wins over the one "z" dialed.
		FakeConnection dialedByUs = this.transport.connect("z", 1, Direction.OUTBOUND, 5);
		FakeConnection dialedByThem = this.transport.connect("z", 1, Direction.INBOUND, 1);
		assertThat(dialedByThem.state).isEqualTo("duplicate");
		assertThat(dialedByUs.state).isEqualTo("open");
		dialedByThem.remoteCloses();
		assertOnlyConnectedEventsFor("z");
	}

	@Test
	void secondConnectionThatWinsTheRuleReplacesTheFirstQuietly() {
		// "a" < "m": the connection "a" dialed wins.
		FakeConnection dialedByUs = this.transport.connect("a", 1, Direction.OUTBOUND, 1);
		FakeConnection dialedByThem = this.transport.connect("a", 1, Direction.INBOUND, 9);
		assertThat(dialedByUs.state).isEqualTo("duplicate");
		dialedByUs.remoteCloses();
		// The registry shows the connection kept; the event, published for the first one,
		// is not repeated.
		assertThat(this.mesh.peers()).singleElement().satisfies((kept) -> {
			assertThat(kept.direction()).isEqualTo(Direction.INBOUND);
			assertThat(kept.remoteAddress()).isEqualTo(dialedByThem.remoteAddress());
		});
		this.mesh.send(NodeId.of("a"), "t", "via winner");
		assertThat(dialedByThem.sent).containsExactly("via winner");
		assertOnlyConnectedEventsFor("a");
		assertThat(((PeerConnectedEvent) this.events.get(0)).getPeer().connectedAt())
			.isEqualTo(this.mesh.peer(NodeId.of("a")).orElseThrow().connectedAt());
	}

	@Test
	void sameDialerTwiceKeepsTheSmallerConnectionId() {
		FakeConnection first = this.transport.connect("z", 1, Direction.OUTBOUND, 20);
		FakeConnection second = this.transport.connect("z", 1, Direction.OUTBOUND, 10);
		assertThat(first.state).isEqualTo("duplicate");
		assertThat(second.state).isEqualTo("open");
	}

	@Test
	void peerDroppingOurConnectionAsDuplicateIsNotLostWhenItsConnectionArrives() {
		FakeConnection ours = this.transport.connect("a", 1, Direction.OUTBOUND, 1);
		ours.remoteDuplicate();
		this.mesh.send(NodeId.of("a"), "t", "sent in the gap");
		FakeConnection theirs = this.transport.connect("a", 1, Direction.INBOUND, 2);
		assertThat(theirs.sent).containsExactly("sent in the gap");
		await().during(Duration.ofMillis(400)).untilAsserted(() -> assertOnlyConnectedEventsFor("a"));
	}

	@Test
	void peerDroppingOurConnectionAsDuplicateIsLostWhenNoConnectionFollows() {
		FakeConnection ours = this.transport.connect("a", 1, Direction.OUTBOUND, 1);
		ours.remoteDuplicate();
		await().untilAsserted(() -> assertThat(disconnectReasons()).containsExactly(Reason.LOST));
		assertThat(this.mesh.peers()).isEmpty();
	}

	@Test
	void closeWithoutGoodbyeIsLost() {
		this.transport.connect("z", 1, Direction.INBOUND, 1).remoteCloses();
		await().untilAsserted(() -> assertThat(disconnectReasons()).containsExactly(Reason.LOST));
	}

	@Test
	void goodbyeIsLeftAndTheCloseThatFollowsAddsNothing() {
		this.transport.connect("z", 1, Direction.INBOUND, 1).remoteGoodbye();
		await().untilAsserted(() -> assertThat(disconnectReasons()).containsExactly(Reason.LEFT));
		assertThat(this.mesh.peers()).isEmpty();
	}

	@Test
	void restartedPeerReplacesItsFormerIncarnation() {
		FakeConnection former = this.transport.connect("z", 1, Direction.INBOUND, 1);
		this.transport.connect("z", 2, Direction.INBOUND, 2);
		assertThat(former.state).isEqualTo("closed");
		await().untilAsserted(() -> assertThat(this.events).hasSize(3));
		assertThat(this.events).extracting((e) -> e.getClass().getSimpleName())
			.containsExactly("PeerConnectedEvent", "PeerDisconnectedEvent", "PeerConnectedEvent");
		assertThat(disconnectReasons()).containsExactly(Reason.LOST);
	}

	@Test
	void sendingToUnknownNodeFails() {
		assertThatExceptionOfType(NoSuchPeerException.class)
			.isThrownBy(() -> this.mesh.send(NodeId.of("nobody"), "t", "x"))
			.withMessageContaining("nobody");
	}

	@Test
	void topicMustFit() {
		this.transport.connect("z", 1, Direction.INBOUND, 1);
		assertThatIllegalArgumentException().isThrownBy(() -> this.mesh.send(NodeId.of("z"), "", "x"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.mesh.broadcast("t".repeat(1025), "x"));
	}

	@Test
	void broadcastCountsThePeersWrittenTo() {
		FakeConnection a = this.transport.connect("a", 1, Direction.INBOUND, 1);
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		assertThat(this.mesh.broadcast("t", "all").size()).isEqualTo(2);
		assertThat(a.sent).containsExactly("all");
		assertThat(z.sent).containsExactly("all");
	}

	@Test
	void broadcastBuffersForAPeerBeingReconnectedAsSendDoes() {
		FakeConnection a = this.transport.connect("a", 1, Direction.INBOUND, 1);
		FakeConnection lost = this.transport.connect("z", 1, Direction.INBOUND, 1);
		lost.remoteCloses();
		Broadcast broadcast = this.mesh.broadcast("t", "while z is away");
		assertThat(broadcast.nodeIds()).containsExactlyInAnyOrder(NodeId.of("a"), NodeId.of("z"));
		assertThat(a.sent).containsExactly("while z is away");
		assertThat(broadcast.deliveries().get(NodeId.of("z"))).isNotDone();
		FakeConnection back = this.transport.connect("z", 1, Direction.INBOUND, 2);
		assertThat(back.sent).containsExactly("while z is away");
	}

	@Test
	void leavingSaysGoodbyeToEveryPeerAndReportsShutdown() {
		FakeConnection a = this.transport.connect("a", 1, Direction.INBOUND, 1);
		FakeConnection z = this.transport.connect("z", 1, Direction.OUTBOUND, 1);
		this.mesh.leave();
		assertThat(a.state).isEqualTo("goodbye");
		assertThat(z.state).isEqualTo("goodbye");
		assertThat(this.transport.accepting).isFalse();
		await().untilAsserted(() -> assertThat(disconnectReasons()).containsExactly(Reason.SHUTDOWN, Reason.SHUTDOWN));
		this.mesh.sighted(sighting("q", 7400));
		assertThat(this.transport.dials).isEmpty();
	}

	@Test
	void aNodeThatLeftWaitsForTheApplicationsExecutorToStartTheCompletionsOfTheSendsItDropped() throws Exception {
		// Spring's task executors stop after the node, paused: a completion they have
		// queued but not started then never runs.
		ThreadPoolExecutor callbacks = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>());
		CountDownLatch busy = new CountDownLatch(1);
		callbacks.execute(() -> awaitQuietly(busy));
		FakeTransport transport = new FakeTransport();
		Mesh mesh = new Mesh(transport, this.registry, NodeId.of("m"), "test", 1L, settings(1000, 1 << 20), List.of(),
				callbacks);
		mesh.start(new InetSocketAddress("127.0.0.1", 0));
		transport.connect("z", 1, Direction.OUTBOUND, 1);
		List<CompletableFuture<Void>> chained = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			chained.add(mesh.send(NodeId.of("z"), "t", new byte[] { 1 }).thenRun(() -> {
			}));
		}
		// The executor is busy until the node has handed it the 100 completions.
		Thread release = new Thread(() -> {
			await().until(() -> callbacks.getQueue().size() >= 100);
			busy.countDown();
		});
		release.start();
		mesh.leave();
		mesh.awaitCallbacks(Duration.ofSeconds(30));
		List<Runnable> notStarted = callbacks.shutdownNow();
		release.join();
		assertThat(notStarted).isEmpty();
		await().untilAsserted(() -> assertThat(chained).allMatch(CompletableFuture::isCompletedExceptionally));
	}

	@Test
	void everyClosedConnectionIsCountedOnceWithItsReason() {
		FakeConnection kept = this.transport.connect("z", 1, Direction.OUTBOUND, 1);
		FakeConnection duplicate = this.transport.connect("z", 1, Direction.INBOUND, 2);
		duplicate.remoteCloses();
		FakeConnection leaving = this.transport.connect("a", 1, Direction.INBOUND, 1);
		leaving.remoteGoodbye();
		FakeConnection lost = this.transport.connect("b", 1, Direction.INBOUND, 1);
		lost.remoteCloses();
		FakeConnection stopping = this.transport.connect("c", 1, Direction.INBOUND, 1);
		this.mesh.leave();
		stopping.remoteCloses();
		kept.remoteCloses();
		TcpnetCounters counters = this.registry.counters();
		assertThat(counters.connectionsClosed(CloseReason.DUPLICATE)).isEqualTo(1);
		assertThat(counters.connectionsClosed(CloseReason.LEFT)).isEqualTo(1);
		assertThat(counters.connectionsClosed(CloseReason.LOST)).isEqualTo(1);
		assertThat(counters.connectionsClosed(CloseReason.SHUTDOWN)).isEqualTo(2);
	}

	@Test
	void sightingsAndSentMessagesAreCounted() {
		this.mesh.sighted(sighting("z", 7100));
		this.mesh.sighted(sighting("z", 7100));
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		this.mesh.send(NodeId.of("z"), "t", "four");
		z.remoteAcknowledges(1);
		assertThat(this.registry.counters().sightings("test")).isEqualTo(2);
		assertThat(this.registry.counters().messagesSent()).isEqualTo(1);
		assertThat(this.registry.counters().bytesSent()).isEqualTo(4);
		assertThat(this.registry.statistics(NodeId.of("z")).orElseThrow().messagesOut()).isEqualTo(1);
	}

	@Test
	void peersBeyondTheLimitAreRefused() {
		for (String id : List.of("a", "b", "c", "d", "e")) {
			this.transport.connect(id, 1, Direction.INBOUND, 1);
		}
		FakeConnection sixth = this.transport.connect("z", 1, Direction.INBOUND, 1);
		assertThat(sixth.state).isEqualTo("closed");
		assertThat(this.mesh.peers()).hasSize(5);
		assertThat(this.registry.counters().handshakesRejected("limit")).isEqualTo(1);
	}

	@Test
	void toldPeersAreDialedOnceWithinTheLimitAndLeaveNoState() {
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		List<PeerAddress> told = java.util.stream.IntStream.range(0, 1000)
			.mapToObj((i) -> new PeerAddress(NodeId.of("fake" + i), new InetSocketAddress("127.0.0.1", 10_000 + i)))
			.toList();
		z.listener.peersTold(z, told);
		assertThat(this.transport.dials).hasSize(4);
		this.transport.dials.forEach((dial) -> dial.future().completeExceptionally(new java.net.ConnectException()));
		assertThatExceptionOfType(NoSuchPeerException.class)
			.isThrownBy(() -> this.mesh.send(NodeId.of("fake0"), "t", "x"));
		z.listener.peersTold(z, List.of(new PeerAddress(NodeId.of("z"), new InetSocketAddress("10.9.9.9", 1))));
		assertThat(this.transport.dials).hasSize(4);
	}

	private void assertOnlyConnectedEventsFor(String nodeId) {
		await().untilAsserted(() -> assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(PeerConnectedEvent.class,
					(event) -> assertThat(event.getPeer().nodeId()).isEqualTo(NodeId.of(nodeId))));
	}

	private List<String> messages() {
		return this.events.stream()
			.filter(PeerMessageEvent.class::isInstance)
			.map((event) -> ((PeerMessageEvent) event).getPayloadAsString())
			.toList();
	}

	private List<Reason> disconnectReasons() {
		return this.events.stream()
			.filter(PeerDisconnectedEvent.class::isInstance)
			.map((e) -> ((PeerDisconnectedEvent) e).getReason())
			.toList();
	}

	private static Sighting sighting(String nodeId, int port) {
		return new Sighting("test", NodeId.of(nodeId), List.of(new InetSocketAddress("127.0.0.1", port)));
	}

	// Buffers of 3 messages and 64 bytes per peer.
	private static MeshSettings settings() {
		return settings(3, 64);
	}

	private static MeshSettings settings(int bufferMax, long bufferMaxBytes) {
		return new MeshSettings(Duration.ofMillis(200), 5,
				new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 2, 0), Duration.ofSeconds(30),
				Duration.ofMillis(100), bufferMax, bufferMaxBytes, Duration.ofMinutes(1), Duration.ofSeconds(1),
				32L << 20, Duration.ofMinutes(1));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
