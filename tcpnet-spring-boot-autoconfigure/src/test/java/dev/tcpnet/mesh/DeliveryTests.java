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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.MessageDroppedException;
import dev.tcpnet.RequestFailedException;
import dev.tcpnet.RequestHandler;
import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerGaveUpEvent;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.event.PeerReconnectingEvent;
import dev.tcpnet.mesh.FakeTransport.FakeConnection;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.transport.Envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Buffered, acknowledged, exactly-once delivery, reconnects and request/reply, driven
 * through an in-memory transport.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryTests {

	private static final NodeId Z = NodeId.of("z");

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final DefaultPeerRegistry registry = new DefaultPeerRegistry(this.events::add);

	private final FakeTransport transport = new FakeTransport();

	private Mesh mesh = mesh(Duration.ofSeconds(30), List.of());

	@AfterEach
	void stop() {
		this.registry.close(Duration.ofSeconds(1));
	}

	@Test
	void unacknowledgedMessagesAreSentAgainInOrderAfterAReconnect() {
		FakeConnection first = this.transport.connect("z", 1, Direction.INBOUND, 1);
		CompletableFuture<Void> one = this.mesh.send(Z, "t", "one");
		CompletableFuture<Void> two = this.mesh.send(Z, "t", "two");
		first.remoteCloses();
		CompletableFuture<Void> three = this.mesh.send(Z, "t", "three");
		assertThat(first.sent).containsExactly("one", "two");
		FakeConnection second = this.transport.connect("z", 1, Direction.INBOUND, 2);
		assertThat(second.sent).containsExactly("one", "two", "three");
		assertThat(second.envelopes).extracting(Envelope::seq).containsExactly(1L, 2L, 3L);
		assertThat(one).isNotDone();
		second.remoteAcknowledges(3);
		assertThat(CompletableFuture.allOf(one, two, three)).isCompleted();
		await().untilAsserted(() -> assertThat(this.events).filteredOn(PeerConnectedEvent.class::isInstance)
			.extracting((e) -> ((PeerConnectedEvent) e).isReconnect())
			.containsExactly(false, true));
	}

	@Test
	void envelopesSeenBeforeAreNotDeliveredAgain() {
		FakeConnection first = this.transport.connect("z", 1, Direction.INBOUND, 1);
		first.remoteSends(message(1, "a"));
		first.remoteSends(message(2, "b"));
		first.remoteCloses();
		FakeConnection second = this.transport.connect("z", 1, Direction.INBOUND, 2);
		second.remoteSends(message(1, "a"));
		second.remoteSends(message(2, "b"));
		second.remoteSends(message(3, "c"));
		await().untilAsserted(() -> assertThat(messages()).containsExactly("a", "b", "c"));
		assertThat(second.acknowledgements).first().isEqualTo(2L);
	}

	@Test
	void restartedPeerStartsANewStream() {
		FakeConnection former = this.transport.connect("z", 1, Direction.INBOUND, 1);
		former.remoteSends(message(1, "old"));
		FakeConnection restarted = this.transport.connect("z", 2, Direction.INBOUND, 2);
		restarted.remoteSends(message(1, "new"));
		await().untilAsserted(() -> assertThat(messages()).containsExactly("old", "new"));
	}

	@Test
	void sendBeyondTheBufferedBytesFailsAtOnceButOneLargeMessageAlwaysFits() {
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		// 64 bytes of payload may wait: 40 + 24 fit, 1 more does not.
		String forty = "x".repeat(40);
		String twentyFour = "y".repeat(24);
		this.mesh.send(Z, "t", forty);
		this.mesh.send(Z, "t", twentyFour);
		CompletableFuture<Void> over = this.mesh.send(Z, "t", "z");
		assertThat(cause(over)).isInstanceOfSatisfying(MessageDroppedException.class,
				(ex) -> assertThat(ex.getReason()).isEqualTo(MessageDroppedEvent.Reason.OVERFLOW));
		z.remoteAcknowledges(2);
		String large = "L".repeat(100);
		assertThat(this.mesh.send(Z, "t", large)).isNotCompletedExceptionally();
		assertThat(cause(this.mesh.send(Z, "t", "z"))).isInstanceOf(MessageDroppedException.class);
		assertThat(z.sent).containsExactly(forty, twentyFour, large);
	}

	@Test
	void aMessageLeftUnacknowledgedIsDroppedAfterTheBufferTimeoutAndNotBefore() {
		this.mesh = timedMesh(Duration.ofMillis(20), Duration.ofMillis(300));
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		long sentAt = System.nanoTime();
		CompletableFuture<Void> unanswered = this.mesh.send(Z, "t", "never acknowledged");
		await().atMost(Duration.ofSeconds(30)).until(unanswered::isDone);
		Duration waited = Duration.ofNanos(System.nanoTime() - sentAt);
		assertThat(cause(unanswered)).isInstanceOfSatisfying(MessageDroppedException.class,
				(ex) -> assertThat(ex.getReason()).isEqualTo(MessageDroppedEvent.Reason.TIMEOUT));
		assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(z.sent).containsExactly("never acknowledged");
		assertThat(this.registry.counters().messagesDropped(MessageDroppedEvent.Reason.TIMEOUT)).isEqualTo(1);
	}

	@Test
	void messagesAreAcknowledgedWhenTheReadThatBroughtThemCompletes() {
		// The timer would acknowledge only after a minute: what follows is the reads'
		// doing.
		this.mesh = timedMesh(Duration.ofMinutes(1), Duration.ofMinutes(1));
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		z.remoteSends(message(1, "a"));
		// At once: a sender waiting for one message's future must not wait for the timer.
		assertThat(z.acknowledgements).containsExactly(1L);
		z.listener.received(z, message(2, "b"));
		z.listener.received(z, message(3, "c"));
		assertThat(z.acknowledgements).containsExactly(1L);
		z.listener.readComplete(z);
		// A read right after an acknowledgement is acknowledged a moment later, with what
		// follows.
		await().untilAsserted(() -> assertThat(z.acknowledgements).containsExactly(1L, 3L));
	}

	@Test
	void aReadOfABatchIsAcknowledgedAtOnceEvenRightAfterAnAcknowledgement() {
		// A simulated clock that stands still until stepped, and a timer that runs
		// nothing
		// meanwhile: every acknowledgement here is a read's doing.
		SimWorld world = new SimWorld(1);
		this.mesh = new Mesh(this.transport, this.registry, NodeId.of("m"), "test", 1L, MeshSettings.defaults(),
				List.of(), world.scheduler(), Runnable::run, null, world.random);
		this.mesh.start(new InetSocketAddress("127.0.0.1", 0));
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		z.remoteSends(message(1, "a"));
		assertThat(z.acknowledgements).containsExactly(1L);
		// A small read right after an acknowledgement waits for the gap.
		z.remoteSends(message(2, "b"));
		assertThat(z.acknowledgements).containsExactly(1L);
		// A read of a batch does not: the sender's window may be hardly more than a read.
		long last = 2 + Delivery.ACK_BATCH;
		for (long seq = 3; seq <= last; seq++) {
			z.listener.received(z, message(seq, "c"));
		}
		z.listener.readComplete(z);
		assertThat(z.acknowledgements).containsExactly(1L, last);
	}

	@Test
	void repliesAreAcknowledgedOnTheTimer() {
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		CompletableFuture<byte[]> answered = this.mesh.request(Z, "echo", "hi".getBytes(), Duration.ofSeconds(5));
		z.remoteSends(
				new Envelope(1, Envelope.Kind.REPLY, z.envelopes.get(0).correlationId(), "echo", "ho".getBytes()));
		assertThat(answered).isCompleted();
		// The reply's future was the requester's; its acknowledgement only frees the
		// peer's buffer.
		assertThat(z.acknowledgements).isEmpty();
		await().untilAsserted(() -> assertThat(z.acknowledgements).containsExactly(1L));
	}

	@Test
	void sendBeyondTheBufferFailsAtOnceAndIsCounted() {
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		for (int i = 0; i < 3; i++) {
			this.mesh.send(Z, "t", "kept");
		}
		CompletableFuture<Void> fourth = this.mesh.send(Z, "t", "over");
		assertThat(fourth).isCompletedExceptionally();
		assertThat(cause(fourth)).isInstanceOfSatisfying(MessageDroppedException.class,
				(ex) -> assertThat(ex.getReason()).isEqualTo(MessageDroppedEvent.Reason.OVERFLOW));
		assertThat(z.sent).containsExactly("kept", "kept", "kept");
		assertThat(this.registry.counters().messagesDropped(MessageDroppedEvent.Reason.OVERFLOW)).isEqualTo(1);
		await()
			.untilAsserted(() -> assertThat(this.events).filteredOn(MessageDroppedEvent.class::isInstance).hasSize(1));
		z.remoteAcknowledges(3);
		assertThat(this.mesh.send(Z, "t", "room again")).isNotCompletedExceptionally();
	}

	@Test
	void lostPeerIsRedialedWithGrowingDelays() {
		this.transport.connect("z", 1, Direction.INBOUND, 1).remoteCloses();
		await().untilAsserted(() -> assertThat(this.transport.dials).isNotEmpty());
		assertThat(this.transport.dials.get(0).address()).isEqualTo(new InetSocketAddress("127.0.0.1", 7100));
		this.transport.dials.get(0).future().completeExceptionally(new java.net.ConnectException("refused"));
		await().untilAsserted(() -> assertThat(this.transport.dials).hasSize(2));
		await().untilAsserted(() -> assertThat(this.events).filteredOn(PeerReconnectingEvent.class::isInstance)
			.extracting((e) -> ((PeerReconnectingEvent) e).getAttempt())
			.containsExactly(1, 2));
		List<Duration> delays = this.events.stream()
			.filter(PeerReconnectingEvent.class::isInstance)
			.map((e) -> ((PeerReconnectingEvent) e).getDelay())
			.toList();
		assertThat(delays.get(1)).isGreaterThan(delays.get(0));
	}

	@Test
	void sightingOfALostPeerRedialsAtOnce() {
		this.mesh = mesh(Duration.ofSeconds(30), List.of());
		this.transport.connect("z", 1, Direction.INBOUND, 1).remoteCloses();
		await().untilAsserted(() -> assertThat(this.transport.dials).hasSize(1));
		this.transport.dials.get(0).future().completeExceptionally(new java.net.ConnectException("refused"));
		this.mesh.sighted(new Sighting("test", Z, List.of(new InetSocketAddress("127.0.0.1", 7200))));
		assertThat(this.transport.dials).hasSize(2);
		assertThat(this.transport.dials.get(1).address().getPort()).isEqualTo(7200);
	}

	@Test
	void peerUnreachableTooLongIsGivenUpAndItsMessagesDropped() {
		this.mesh = mesh(Duration.ofMillis(300), List.of());
		this.transport.connect("z", 1, Direction.INBOUND, 1).remoteCloses();
		CompletableFuture<Void> buffered = this.mesh.send(Z, "t", "never");
		await().untilAsserted(() -> {
			this.transport.dials.forEach((d) -> d.future().completeExceptionally(new java.net.ConnectException("x")));
			assertThat(this.events).anySatisfy((e) -> assertThat(e).isInstanceOf(PeerGaveUpEvent.class));
		});
		assertThat(buffered).isCompletedExceptionally();
		assertThat(this.registry.counters().messagesDropped(MessageDroppedEvent.Reason.GAVE_UP)).isEqualTo(1);
	}

	@Test
	void messagesToANodeSeenButNotYetConnectedAreBuffered() {
		this.mesh.sighted(new Sighting("test", NodeId.of("q"), List.of(new InetSocketAddress("127.0.0.1", 7300))));
		CompletableFuture<Void> early = this.mesh.send(NodeId.of("q"), "t", "early");
		assertThat(early).isNotDone();
		FakeConnection q = this.transport.connect("q", 1, Direction.INBOUND, 1);
		assertThat(q.sent).containsExactly("early");
	}

	@Test
	void requestsAreAnsweredByTheHandlerOfTheirTopic() {
		this.mesh = mesh(Duration.ofSeconds(30),
				List.of(handler("echo", (from, payload) -> payload), handler("fail", (from, payload) -> {
					throw new IllegalStateException("no way");
				})));
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		z.remoteSends(new Envelope(1, Envelope.Kind.REQUEST, 77, "echo", "ping".getBytes()));
		z.remoteSends(new Envelope(2, Envelope.Kind.REQUEST, 78, "fail", new byte[0]));
		z.remoteSends(new Envelope(3, Envelope.Kind.REQUEST, 79, "nobody", new byte[0]));
		await().untilAsserted(() -> assertThat(z.envelopes).hasSize(3));
		assertThat(z.envelopes).anySatisfy((e) -> {
			assertThat(e.kind()).isEqualTo(Envelope.Kind.REPLY);
			assertThat(e.correlationId()).isEqualTo(77);
			assertThat(new String(e.payload())).isEqualTo("ping");
		});
		assertThat(z.envelopes).filteredOn((e) -> e.kind() == Envelope.Kind.REPLY_ERROR)
			.extracting((e) -> new String(e.payload(), StandardCharsets.UTF_8))
			.containsExactlyInAnyOrder("no way\0java.lang.IllegalStateException",
					"No handler for topic 'nobody' on this node");
	}

	@Test
	void repliesAreSentEvenWhenTheBufferToTheRequesterIsFull() {
		this.mesh = mesh(Duration.ofSeconds(30), List.of(handler("echo", (from, payload) -> payload)));
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		for (int i = 0; i < 3; i++) {
			this.mesh.send(Z, "t", "kept");
		}
		assertThat(this.mesh.send(Z, "t", "over")).isCompletedExceptionally();
		z.remoteSends(new Envelope(1, Envelope.Kind.REQUEST, 77, "echo", "ping".getBytes()));
		await().untilAsserted(() -> assertThat(z.envelopes).anySatisfy((e) -> {
			assertThat(e.kind()).isEqualTo(Envelope.Kind.REPLY);
			assertThat(e.correlationId()).isEqualTo(77);
		}));
		assertThat(this.registry.counters().messagesDropped(MessageDroppedEvent.Reason.OVERFLOW)).isEqualTo(1);
	}

	@Test
	void requestsBeyondTheQueueOfBlockingHandlersAreRefusedWithAReason() throws Exception {
		java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
		// Room for every reply: the remote here never acknowledges.
		this.mesh = mesh(Duration.ofSeconds(30), 20_000, List.of(handler("slow", (from, payload) -> {
			running.incrementAndGet();
			stuck.await();
			return payload;
		})));
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		long seq = 0;
		for (int i = 0; i < Mesh.REQUEST_THREADS; i++) {
			z.remoteSends(new Envelope(++seq, Envelope.Kind.REQUEST, seq, "slow", new byte[0]));
		}
		await().untilAsserted(() -> assertThat(running).hasValue(Mesh.REQUEST_THREADS));
		for (int i = 0; i < Requests.DEFAULT_MAX_IN_FLIGHT - Mesh.REQUEST_THREADS; i++) {
			z.remoteSends(new Envelope(++seq, Envelope.Kind.REQUEST, seq, "slow", new byte[0]));
		}
		assertThat(z.envelopes).isEmpty();
		z.remoteSends(new Envelope(++seq, Envelope.Kind.REQUEST, seq, "slow", new byte[0]));
		assertThat(z.envelopes).singleElement().satisfies((e) -> {
			assertThat(e.kind()).isEqualTo(Envelope.Kind.REPLY_ERROR);
			assertThat(new String(e.payload(), StandardCharsets.UTF_8))
				.isEqualTo("Too many requests waiting for handlers on this node (10004)");
		});
		stuck.countDown();
		long total = seq;
		await().untilAsserted(() -> assertThat(z.envelopes).hasSize((int) total));
		assertThat(z.envelopes).filteredOn((e) -> e.kind() == Envelope.Kind.REPLY).hasSize((int) total - 1);
	}

	@Test
	void aRequestTheExecutorRefusesIsAnsweredWithThatReason(CapturedOutput output) {
		this.mesh = new Mesh(this.transport, this.registry, NodeId.of("m"), "test", 1L, MeshSettings.defaults(),
				List.of(handler("slow", (from, payload) -> payload)), Runnable::run, (task) -> {
					throw new java.util.concurrent.RejectedExecutionException("full");
				}, 100);
		this.mesh.start(new InetSocketAddress("127.0.0.1", 0));
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		z.remoteSends(new Envelope(1, Envelope.Kind.REQUEST, 9, "slow", new byte[0]));
		assertThat(z.envelopes).singleElement().satisfies((e) -> {
			assertThat(e.kind()).isEqualTo(Envelope.Kind.REPLY_ERROR);
			assertThat(new String(e.payload(), StandardCharsets.UTF_8))
				.isEqualTo("The request executor on this node refused the request");
		});
		assertThat(output).contains("Refusing request 'slow' from peer z: the request executor refused it");
	}

	@Test
	void aReadThatFloodsTheRequestHandlersPausesBeforeItsEndAndNothingIsRefused() throws Exception {
		java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
		this.mesh = mesh(Duration.ofSeconds(30), 20_000, List.of(handler("slow", (from, payload) -> {
			stuck.await();
			return payload;
		})));
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		// A batch of reads of small requests outnumbers the handlers' queue: the peer
		// must be paused within it, at the gate's mark, not when it completes.
		long seq = 0;
		while (!z.paused && seq < Requests.DEFAULT_MAX_IN_FLIGHT + 1) {
			seq++;
			z.remoteSendsWithinARead(new Envelope(seq, Envelope.Kind.REQUEST, seq, "slow", new byte[0]));
		}
		z.remoteReadCompletes();
		assertThat(z.paused).isTrue();
		assertThat(seq).isEqualTo(Requests.DEFAULT_MAX_IN_FLIGHT / 2);
		assertThat(z.envelopes).isEmpty();
		stuck.countDown();
		long total = seq;
		await().untilAsserted(() -> assertThat(z.paused).isFalse());
		await().untilAsserted(
				() -> assertThat(z.envelopes).hasSize((int) total).allMatch((e) -> e.kind() == Envelope.Kind.REPLY));
	}

	@Test
	void nonBlockingHandlersAnswerOnTheNetworkThreadOthersOnRequestThreads() {
		List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
		RequestHandler quick = nonBlocking(handler("quick", (from, payload) -> {
			threads.add(Thread.currentThread().getName());
			return payload;
		}));
		RequestHandler ordinary = handler("ordinary", (from, payload) -> {
			threads.add(Thread.currentThread().getName());
			return payload;
		});
		this.mesh = mesh(Duration.ofSeconds(30), List.of(quick, ordinary));
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		z.remoteSends(new Envelope(1, Envelope.Kind.REQUEST, 77, "quick", "a".getBytes()));
		// Answered before remoteSends returned: on the thread that delivered the request.
		assertThat(z.envelopes).singleElement().satisfies((e) -> assertThat(e.correlationId()).isEqualTo(77));
		z.remoteSends(new Envelope(2, Envelope.Kind.REQUEST, 78, "ordinary", "b".getBytes()));
		await().untilAsserted(() -> assertThat(z.envelopes).hasSize(2));
		assertThat(threads).hasSize(2);
		assertThat(threads.get(0)).isEqualTo(Thread.currentThread().getName());
		assertThat(threads.get(1)).startsWith("tcpnet-requests-");
	}

	@Test
	void requestCompletesWithTheReplyOrFailsAfterItsTimeout() {
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		CompletableFuture<byte[]> answered = this.mesh.request(Z, "echo", "hi".getBytes(), Duration.ofSeconds(5));
		Envelope request = z.envelopes.get(0);
		assertThat(request.kind()).isEqualTo(Envelope.Kind.REQUEST);
		z.remoteSends(new Envelope(1, Envelope.Kind.REPLY, request.correlationId(), "echo", "ho".getBytes()));
		assertThat(answered).succeedsWithin(Duration.ofSeconds(1)).isEqualTo("ho".getBytes());
		CompletableFuture<byte[]> failed = this.mesh.request(Z, "echo", "hi".getBytes(), Duration.ofSeconds(5));
		z.remoteSends(new Envelope(2, Envelope.Kind.REPLY_ERROR, z.envelopes.get(1).correlationId(), "echo",
				"bad".getBytes()));
		await().untilAsserted(
				() -> assertThat(cause(failed)).isInstanceOf(RequestFailedException.class).hasMessage("bad"));
		CompletableFuture<byte[]> unanswered = this.mesh.request(Z, "echo", "hi".getBytes(), Duration.ofMillis(100));
		await().untilAsserted(() -> assertThat(cause(unanswered)).isInstanceOf(TimeoutException.class));
	}

	@Test
	void onlyThePeerAskedCanAnswerARequest() {
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		FakeConnection y = this.transport.connect("y", 1, Direction.INBOUND, 2);
		CompletableFuture<byte[]> answered = this.mesh.request(Z, "echo", "hi".getBytes(), Duration.ofSeconds(5));
		long id = z.envelopes.get(0).correlationId();
		y.remoteSends(new Envelope(1, Envelope.Kind.REPLY, id, "echo", "forged".getBytes()));
		assertThat(answered).isNotDone();
		z.remoteSends(new Envelope(1, Envelope.Kind.REPLY, id, "echo", "ho".getBytes()));
		assertThat(answered).succeedsWithin(Duration.ofSeconds(1)).isEqualTo("ho".getBytes());
	}

	@Test
	void readingPausesWhileListenersLagAndResumesWhenTheyCatchUp() throws Exception {
		java.util.concurrent.CountDownLatch slowListener = new java.util.concurrent.CountDownLatch(1);
		DefaultPeerRegistry lagging = new DefaultPeerRegistry((event) -> {
			try {
				slowListener.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		FakeTransport transport = new FakeTransport();
		Mesh mesh = new Mesh(transport, lagging, NodeId.of("m"), "test", 1L, MeshSettings.defaults(), List.of());
		mesh.start(new InetSocketAddress("127.0.0.1", 0));
		FakeConnection z = transport.connect("z", 1, Direction.INBOUND, 1);
		for (int i = 1; i <= Delivery.EVENTS_HIGH_WATER / 2; i++) {
			z.remoteSends(message(i, "m"));
		}
		assertThat(z.paused).isFalse();
		for (int i = Delivery.EVENTS_HIGH_WATER / 2 + 1; i <= Delivery.EVENTS_HIGH_WATER; i++) {
			z.remoteSends(message(i, "m"));
		}
		assertThat(z.paused).isTrue();
		slowListener.countDown();
		await().untilAsserted(() -> assertThat(z.paused).isFalse());
		lagging.close(Duration.ofSeconds(5));
	}

	@Test
	void readingResumesWhenListenersCatchUpJustBeforeItPauses() throws Exception {
		java.util.concurrent.CountDownLatch slowListener = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.atomic.AtomicBoolean caughtUp = new java.util.concurrent.atomic.AtomicBoolean();
		DefaultPeerRegistry lagging = new DefaultPeerRegistry((event) -> {
			try {
				slowListener.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}) {
			@Override
			public int pendingEvents() {
				int pending = super.pendingEvents();
				if (pending >= Delivery.EVENTS_HIGH_WATER && caughtUp.compareAndSet(false, true)) {
					// The network thread is descheduled after this read: the listeners
					// catch up.
					slowListener.countDown();
					await().until(() -> super.pendingEvents() == 0);
				}
				return pending;
			}
		};
		FakeTransport transport = new FakeTransport();
		Mesh mesh = new Mesh(transport, lagging, NodeId.of("m"), "test", 1L, MeshSettings.defaults(), List.of());
		mesh.start(new InetSocketAddress("127.0.0.1", 0));
		FakeConnection z = transport.connect("z", 1, Direction.INBOUND, 1);
		for (int i = 1; i <= Delivery.EVENTS_HIGH_WATER; i++) {
			z.remoteSends(message(i, "m"));
		}
		assertThat(caughtUp).isTrue();
		await().untilAsserted(() -> assertThat(z.paused).isFalse());
		lagging.close(Duration.ofSeconds(5));
	}

	private Mesh timedMesh(Duration ackInterval, Duration bufferTimeout) {
		Mesh mesh = new Mesh(this.transport, this.registry, NodeId.of("m"), "test", 1L,
				new MeshSettings(Duration.ofMillis(200), 5,
						new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), 2, 0), Duration.ofSeconds(30),
						ackInterval, 3, 64, bufferTimeout, Duration.ofSeconds(1), 32L << 20, Duration.ofMinutes(1)),
				List.of());
		mesh.start(new InetSocketAddress("127.0.0.1", 0));
		return mesh;
	}

	private Mesh mesh(Duration giveUpAfter, List<RequestHandler> handlers) {
		return mesh(giveUpAfter, 3, handlers);
	}

	private Mesh mesh(Duration giveUpAfter, int bufferMax, List<RequestHandler> handlers) {
		Mesh mesh = new Mesh(this.transport, this.registry, NodeId.of("m"), "test", 1L,
				new MeshSettings(Duration.ofMillis(200), 5,
						new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), 2, 0), giveUpAfter,
						Duration.ofMillis(100), bufferMax, 64, Duration.ofMinutes(1), Duration.ofSeconds(1), 32L << 20,
						Duration.ofMinutes(1)),
				handlers);
		mesh.start(new InetSocketAddress("127.0.0.1", 0));
		return mesh;
	}

	private List<String> messages() {
		return this.events.stream()
			.filter(PeerMessageEvent.class::isInstance)
			.map((e) -> ((PeerMessageEvent) e).getPayloadAsString())
			.toList();
	}

	private static Throwable cause(CompletableFuture<?> future) {
		try {
			future.getNow(null);
		}
		catch (java.util.concurrent.CompletionException ex) {
			return ex.getCause();
		}
		throw new AssertionError("not failed (yet)");
	}

	private static Envelope message(long seq, String text) {
		return new Envelope(seq, Envelope.Kind.MESSAGE, 0, "t", text.getBytes());
	}

	private static RequestHandler handler(String topic, Answer answer) {
		return new RequestHandler() {

			@Override
			public String topic() {
				return topic;
			}

			@Override
			public byte[] handle(Peer from, byte[] payload) throws Exception {
				return answer.apply(from, payload);
			}

		};
	}

	private static RequestHandler nonBlocking(RequestHandler handler) {
		return new RequestHandler() {

			@Override
			public String topic() {
				return handler.topic();
			}

			@Override
			public byte[] handle(Peer from, byte[] payload) throws Exception {
				return handler.handle(from, payload);
			}

			@Override
			public boolean isNonBlocking() {
				return true;
			}

		};
	}

	@FunctionalInterface
	interface Answer {

		byte[] apply(Peer from, byte[] payload) throws Exception;

	}

}
