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

import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.mesh.FakeTransport.FakeConnection;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.RejectReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The attacks and races of the "exactly once, provably" issue, each of which broke
 * delivery before: a message consumed by a connection that is not the pair's,
 * acknowledgements and sequence numbers a peer lies about, stream state of a former
 * incarnation, and a newcomer that claims a live node's id. The local node is "m"; "a"
 * &lt; "m" &lt; "z".
 */
class ExactlyOnceTests {

	private static final NodeId Z = NodeId.of("z");

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final DefaultPeerRegistry registry = new DefaultPeerRegistry(this.events::add);

	private final FakeTransport transport = new FakeTransport();

	private final Mesh mesh = new Mesh(this.transport, this.registry, NodeId.of("m"), "test", 1L,
			MeshSettings.defaults().withBuffer(10, 1 << 20), List.of());

	ExactlyOnceTests() {
		this.mesh.start(new InetSocketAddress("127.0.0.1", 0));
	}

	@AfterEach
	void stop() {
		this.registry.close(Duration.ofSeconds(1));
	}

	@Test
	void aMessageOnAConnectionThatIsNotThePairsIsNeitherDeliveredNorAcknowledged() {
		Mesh full = new Mesh(this.transport, this.registry, NodeId.of("m"), "test", 1L,
				new MeshSettings(Duration.ofSeconds(1), 1, MeshSettings.defaults().backoff(), Duration.ofMinutes(1),
						Duration.ofSeconds(1), 10, 1 << 20, Duration.ofMinutes(1), Duration.ofSeconds(1), 1 << 20,
						Duration.ofMinutes(1)),
				List.of());
		full.start(new InetSocketAddress("127.0.0.1", 0));
		full.sighted(new Sighting("test", Z, List.of(new InetSocketAddress("127.0.0.1", 7100))));
		FakeConnection a = this.transport.connect("a", 1, Direction.INBOUND, 1);
		// Over max-peers: refused, but frames may already be on their way.
		FakeConnection refused = this.transport.connect("z", 1, Direction.INBOUND, 2);
		assertThat(refused.state).isEqualTo("closed");
		refused.remoteSends(message(1, "consumed?"));
		a.remoteGoodbye();
		FakeConnection kept = this.transport.connect("z", 1, Direction.INBOUND, 3);
		// Nothing was handed over, so nothing is acknowledged on the new connection.
		assertThat(kept.acknowledgements).isEmpty();
		kept.remoteSends(message(1, "consumed?"));
		await().untilAsserted(() -> assertThat(messages()).containsExactly("consumed?"));
		assertThat(kept.acknowledgements).containsExactly(1L);
	}

	@Test
	void anAcknowledgementOfWhatWasNeverSentClosesTheConnectionAndCompletesNothing() {
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		CompletableFuture<Void> one = this.mesh.send(Z, "t", "one");
		CompletableFuture<Void> two = this.mesh.send(Z, "t", "two");
		z.remoteAcknowledges(Long.MAX_VALUE);
		assertThat(z.state).startsWith("violation").contains("never sent");
		assertThat(one).isNotDone();
		assertThat(two).isNotDone();
		z.remoteCloses();
		assertThat(this.registry.counters().connectionsClosed(CloseReason.REJECTED)).isOne();
		FakeConnection again = this.transport.connect("z", 1, Direction.INBOUND, 2);
		assertThat(again.sent).containsExactly("one", "two");
		again.remoteAcknowledges(2);
		assertThat(CompletableFuture.allOf(one, two)).isCompleted();
	}

	@Test
	void anAcknowledgementOnAnotherConnectionCompletesNothing() {
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		CompletableFuture<Void> one = this.mesh.send(Z, "t", "one");
		z.remoteCloses();
		FakeConnection again = this.transport.connect("z", 1, Direction.INBOUND, 2);
		z.remoteAcknowledges(1);
		assertThat(one).isNotDone();
		again.remoteAcknowledges(1);
		assertThat(one).isCompleted();
	}

	@Test
	void aSequenceNumberThatSkipsAheadClosesTheConnectionAndDeliversNothingPastTheGap() {
		FakeConnection z = this.transport.connectAdmitted("z", 1, Direction.INBOUND, 1);
		assertThat(z).isNotNull();
		z.remoteResumes(0);
		z.remoteSends(message(1, "first"));
		z.remoteSends(message(3, "third"));
		assertThat(z.state).startsWith("violation").contains("skips ahead");
		z.remoteSends(message(4, "fourth"));
		await().untilAsserted(() -> assertThat(messages()).containsExactly("first"));
		assertThat(z.acknowledgements).containsExactly(1L);
	}

	@Test
	void anEnvelopeBeforeTheStreamSaysWhereItResumesIsAViolation() {
		FakeConnection z = this.transport.connectAdmitted("z", 1, Direction.INBOUND, 1);
		z.remoteSends(message(7, "early"));
		assertThat(z.state).startsWith("violation").contains("before the stream said where it resumes");
		assertThat(messages()).isEmpty();
	}

	@Test
	void aResumePointSkipsWhatTheSenderGaveUpAndNothingElse() {
		FakeConnection z = this.transport.connectAdmitted("z", 1, Direction.INBOUND, 1);
		z.remoteResumes(0);
		z.remoteSends(message(1, "one"));
		z.remoteCloses();
		FakeConnection again = this.transport.connectAdmitted("z", 1, Direction.INBOUND, 2);
		// The sender gave up on 2 and 3 (they expired): its stream resumes after 3.
		again.remoteResumes(3);
		again.remoteSends(message(1, "one"));
		again.remoteSends(message(4, "four"));
		await().untilAsserted(() -> assertThat(messages()).containsExactly("one", "four"));
		assertThat(again.state).isEqualTo("open");
	}

	@Test
	void anOlderIncarnationIsRefusedAndItsFramesNeverResetTheStream() {
		FakeConnection newer = this.transport.connectAdmitted("z", 5, Direction.INBOUND, 1);
		newer.remoteResumes(0);
		newer.remoteSends(message(1, "from 5"));
		newer.remoteCloses();
		assertThat(this.transport.connectAdmitted("z", 4, Direction.INBOUND, 2)).isNull();
		assertThat(this.transport.lastAdmission.refusal()).isEqualTo(RejectReason.STALE);
		FakeConnection back = this.transport.connectAdmitted("z", 5, Direction.INBOUND, 3);
		back.remoteResumes(0);
		back.remoteSends(message(1, "from 5"));
		back.remoteSends(message(2, "again from 5"));
		await().untilAsserted(() -> assertThat(messages()).containsExactly("from 5", "again from 5"));
	}

	@Test
	void aSecondLiveNodeWithTheSameIdIsRefusedEveryTimeAndTheEstablishedOneStays() {
		FakeConnection established = this.transport.connectAdmitted("z", 5, Direction.INBOUND, 1);
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(this.transport.connectAdmitted("z", 9, Direction.INBOUND, 10 + attempt)).isNull();
			assertThat(this.transport.lastAdmission.refusal()).isEqualTo(RejectReason.CONFLICT);
			assertThat(this.transport.lastAdmission.message()).contains("127.0.0.1")
				.contains("tcpnet.node-id")
				.contains("incarnation 5")
				.contains("incarnation 9");
		}
		assertThat(this.mesh.connectionTo(Z)).isSameAs(established);
		await()
			.untilAsserted(() -> assertThat(this.events).filteredOn(PeerConnectedEvent.class::isInstance).hasSize(1));
		assertThat(this.events).noneMatch(PeerDisconnectedEvent.class::isInstance);
	}

	@Test
	void aNewerIncarnationReplacesAFormerOneThatFellSilent() {
		FakeConnection former = this.transport.connectAdmitted("z", 5, Direction.INBOUND, 1);
		former.silentNanos = Duration.ofSeconds(10).toNanos();
		FakeConnection restarted = this.transport.connectAdmitted("z", 6, Direction.INBOUND, 2);
		assertThat(restarted).isNotNull();
		assertThat(former.state).isEqualTo("closed");
		assertThat(this.mesh.connectionTo(Z)).isSameAs(restarted);
		await().untilAsserted(() -> assertThat(this.events).filteredOn(PeerDisconnectedEvent.class::isInstance)
			.singleElement()
			.extracting((event) -> ((PeerDisconnectedEvent) event).getReason())
			.isEqualTo(PeerDisconnectedEvent.Reason.LOST));
	}

	@Test
	void theLeaderKeepsTheFirstConnectionOfAPairAndRefusesAnotherAsADuplicate() {
		// "m" leads its pair with "z": it decides.
		FakeConnection first = this.transport.connectAdmitted("z", 5, Direction.OUTBOUND, 1);
		assertThat(first).isNotNull();
		assertThat(this.transport.connectAdmitted("z", 5, Direction.INBOUND, 2)).isNull();
		assertThat(this.transport.lastAdmission.refusal()).isEqualTo(RejectReason.DUPLICATE);
		assertThat(this.mesh.connectionTo(Z)).isSameAs(first);
	}

	@Test
	void aFollowerTakesTheLeadersVerdictOverAConnectionItHeldStill() {
		// "a" leads its pair with "m": a welcome on a new connection means the old one is
		// gone.
		FakeConnection old = this.transport.connectAdmitted("a", 5, Direction.OUTBOUND, 1);
		FakeConnection replacing = this.transport.connectAdmitted("a", 5, Direction.INBOUND, 2);
		assertThat(replacing).isNotNull();
		assertThat(old.state).isEqualTo("closed");
		assertThat(this.mesh.connectionTo(NodeId.of("a"))).isSameAs(replacing);
		await()
			.untilAsserted(() -> assertThat(this.events).filteredOn(PeerConnectedEvent.class::isInstance).hasSize(2));
		assertThat(this.events).filteredOn(PeerDisconnectedEvent.class::isInstance).hasSize(1);
	}

	@Test
	void aPeerThatSendsButNeverAcknowledgesIsClosedAsStalledAndItsMessagesAreSentAgain() {
		Mesh impatient = new Mesh(this.transport, this.registry, NodeId.of("m"), "test", 1L,
				new MeshSettings(Duration.ofSeconds(1), 10, MeshSettings.defaults().backoff(), Duration.ofMinutes(1),
						Duration.ofMillis(50), 10, 1 << 20, Duration.ofMinutes(1), Duration.ofSeconds(1), 1 << 20,
						Duration.ofMillis(300)),
				List.of());
		impatient.start(new InetSocketAddress("127.0.0.1", 0));
		FakeConnection z = this.transport.connect("z", 1, Direction.INBOUND, 1);
		CompletableFuture<Void> sent = impatient.send(Z, "t", "never acknowledged");
		// Only sending, never acknowledging: a silent peer alone is not a stall (a slow
		// link is).
		await().pollDelay(Duration.ofMillis(500)).untilAsserted(() -> assertThat(z.state).isEqualTo("open"));
		// A few envelopes are not evidence: a process that stalls just after sending them
		// is the heartbeats' to judge.
		for (int i = 1; i < Delivery.STALL_EVIDENCE; i++) {
			z.remoteSays("requests " + i);
		}
		await().pollDelay(Duration.ofMillis(500)).untilAsserted(() -> assertThat(z.state).isEqualTo("open"));
		z.remoteSays("requests, requests");
		await().untilAsserted(() -> assertThat(z.state).isEqualTo("closed"));
		z.remoteCloses();
		assertThat(this.registry.counters().connectionsClosed(CloseReason.STALLED)).isOne();
		FakeConnection again = this.transport.connect("z", 1, Direction.INBOUND, 2);
		assertThat(again.sent).containsExactly("never acknowledged");
		again.remoteAcknowledges(1);
		assertThat(sent).isCompleted();
		impatient.leave();
	}

	private List<String> messages() {
		return this.events.stream()
			.filter(PeerMessageEvent.class::isInstance)
			.map((e) -> ((PeerMessageEvent) e).getPayloadAsString())
			.toList();
	}

	private static Envelope message(long seq, String text) {
		return new Envelope(seq, Envelope.Kind.MESSAGE, 0, "t", text.getBytes());
	}

}
