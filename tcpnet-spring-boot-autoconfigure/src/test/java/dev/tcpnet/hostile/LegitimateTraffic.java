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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEvent;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.event.PeerEvent;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Legitimate nodes that exchange numbered messages the whole time, and the check that
 * they never notice an attack: each keeps exactly its peers, no peer connects or
 * disconnects (nor is reconnected or given up) beyond the initial ones, no message is
 * dropped, messages keep flowing, and every node receives every other node's numbers in
 * order, without a gap or a duplicate.
 */
final class LegitimateTraffic {

	static final String TOPIC = "seq";

	/** Bounds of the sender, whatever happens to the test that forgets to stop it. */
	private static final Duration MAX_SENDING = Duration.ofMinutes(5);

	private final Map<TestNode, String> names = new LinkedHashMap<>();

	private final Map<TestNode, List<TestNode>> expectedPeers = new LinkedHashMap<>();

	private final List<TestNode> senders = new ArrayList<>();

	private final Map<TestNode, AtomicLong> sequences = new ConcurrentHashMap<>();

	private final List<Throwable> senderFailures = new CopyOnWriteArrayList<>();

	private final List<MessageDroppedEvent> dropped = new CopyOnWriteArrayList<>();

	private volatile boolean sending;

	private Thread sender;

	/**
	 * Adds a node that sends numbered messages to all its peers, expecting these peers.
	 */
	LegitimateTraffic node(String name, TestNode node, TestNode... peers) {
		watchDrops(node);
		this.names.put(node, name);
		this.expectedPeers.put(node, List.of(peers));
		this.senders.add(node);
		this.sequences.put(node, new AtomicLong());
		return this;
	}

	/** Adds a node that sends nothing and must keep exactly these peers. */
	LegitimateTraffic quietNode(String name, TestNode node, TestNode... peers) {
		watchDrops(node);
		this.names.put(node, name);
		this.expectedPeers.put(node, List.of(peers));
		return this;
	}

	private void watchDrops(TestNode node) {
		node.context().addApplicationListener((ApplicationEvent event) -> {
			if (event instanceof MessageDroppedEvent drop) {
				this.dropped.add(drop);
			}
		});
	}

	void awaitFormed() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.expectedPeers.keySet().forEach(this::assertPeers));
	}

	synchronized void start() {
		if (this.sender != null) {
			return;
		}
		this.sending = true;
		this.sender = new Thread(this::send, "legitimate-sender");
		this.sender.setDaemon(true);
		this.sender.start();
	}

	synchronized void stop() throws InterruptedException {
		this.sending = false;
		if (this.sender != null) {
			this.sender.join(TimeUnit.SECONDS.toMillis(10));
			this.sender = null;
		}
	}

	private void send() {
		long end = System.nanoTime() + MAX_SENDING.toNanos();
		for (long round = 0; this.sending && round < 60_000 && System.nanoTime() < end; round++) {
			for (TestNode node : this.senders) {
				try {
					// To the expected peers only: a broadcast would also buffer for an
					// intruder that came and went, until it is given up.
					String number = Long.toString(this.sequences.get(node).getAndIncrement());
					for (TestNode peer : this.expectedPeers.get(node)) {
						node.tcpnet().send(peer.id(), TOPIC, number);
					}
				}
				catch (RuntimeException ex) {
					this.senderFailures.add(ex);
				}
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	Snapshot snapshot() {
		Map<TestNode, Integer> peerEvents = new LinkedHashMap<>();
		Map<TestNode, Long> received = new LinkedHashMap<>();
		for (TestNode node : this.names.keySet()) {
			peerEvents.put(node, peerEvents(node).size());
			received.put(node, received(node));
		}
		return new Snapshot(peerEvents, received);
	}

	/**
	 * Asserts that the legitimate nodes did not notice anything since the snapshot:
	 * exactly their peers, no peer event, messages still flowing, every number in order.
	 * @param before the snapshot taken before the attack
	 */
	void assertUnnoticed(Snapshot before) {
		assertUnnoticed(before, Map.of());
	}

	/**
	 * Same, but allows peer events about the given node ids on the given nodes (an
	 * attacker that completed a valid handshake).
	 */
	void assertUnnoticed(Snapshot before, Map<TestNode, Set<String>> allowedEventsAbout) {
		for (TestNode node : this.names.keySet()) {
			Set<String> allowed = allowedEventsAbout.getOrDefault(node, Set.of());
			List<PeerEvent> events = peerEvents(node);
			// Connections and disconnections of anyone count; reconnect attempts only
			// about
			// the legitimate nodes (an intruder of an earlier case may still be
			// redialed).
			Set<NodeId> legitimate = this.names.keySet().stream().map(TestNode::id).collect(Collectors.toSet());
			List<String> unexpected = events.subList(before.peerEvents().get(node), events.size())
				.stream()
				.filter((event) -> !allowed.contains(event.getPeer().nodeId().value()))
				.filter((event) -> event instanceof PeerConnectedEvent || event instanceof PeerDisconnectedEvent
						|| legitimate.contains(event.getPeer().nodeId()))
				.map(Object::toString)
				.toList();
			assertThat(unexpected).as("peer events on %s since the attack started", name(node)).isEmpty();
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> this.expectedPeers.keySet().forEach(this::assertPeers));
		assertThat(this.dropped).as("messages dropped").isEmpty();
		assertFlowingAfter(snapshot());
		assertInOrderWithoutGaps();
		assertThat(this.senderFailures).as("failures of the legitimate senders").isEmpty();
	}

	/**
	 * Every sending node's peers, and every node, keep receiving after the given
	 * snapshot.
	 */
	void assertFlowingAfter(Snapshot since) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			for (TestNode node : receivers()) {
				assertThat(received(node)).as("messages received by %s", name(node))
					.isGreaterThan(since.received().get(node) + 10);
			}
		});
	}

	/** Every receiving node received more at {@code later} than at {@code earlier}. */
	void assertFlowedBetween(Snapshot earlier, Snapshot later) {
		for (TestNode node : receivers()) {
			assertThat(later.received().get(node)).as("messages received by %s during the attack", name(node))
				.isGreaterThan(earlier.received().get(node));
		}
	}

	private List<TestNode> receivers() {
		return this.expectedPeers.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().stream().anyMatch(this.senders::contains))
			.map(Map.Entry::getKey)
			.toList();
	}

	private void assertInOrderWithoutGaps() {
		for (TestNode receiver : receivers()) {
			Map<NodeId, List<Long>> bySender = receiver.events(PeerMessageEvent.class)
				.stream()
				.filter((event) -> TOPIC.equals(event.getTopic()))
				.collect(Collectors.groupingBy((event) -> event.getPeer().nodeId(), LinkedHashMap::new, Collectors
					.mapping((event) -> Long.parseLong(event.getPayloadAsString()), Collectors.toList())));
			for (TestNode sender : this.expectedPeers.get(receiver)) {
				if (!this.senders.contains(sender)) {
					continue;
				}
				List<Long> numbers = bySender.getOrDefault(sender.id(), List.of());
				assertThat(numbers).as("numbers %s received from %s", name(receiver), name(sender)).isNotEmpty();
				long first = numbers.get(0);
				for (int i = 1; i < numbers.size(); i++) {
					if (numbers.get(i) != first + i) {
						throw new AssertionError(
								"%s received %s's message %d after %d: a gap, a duplicate or a reordering"
									.formatted(name(receiver), name(sender), numbers.get(i), numbers.get(i - 1)));
					}
				}
			}
		}
	}

	private void assertPeers(TestNode node) {
		Set<NodeId> expected = this.expectedPeers.get(node).stream().map(TestNode::id).collect(Collectors.toSet());
		Set<NodeId> actual = node.tcpnet().peers().stream().map(Peer::nodeId).collect(Collectors.toSet());
		assertThat(actual).as("peers of %s", name(node)).isEqualTo(expected);
	}

	private static List<PeerEvent> peerEvents(TestNode node) {
		return node.events().stream().filter((event) -> !(event instanceof PeerMessageEvent)).toList();
	}

	static long received(TestNode node) {
		return node.bean(PeerRegistry.class).counters().messagesReceived();
	}

	String name(TestNode node) {
		return this.names.getOrDefault(node, String.valueOf(node.id()));
	}

	/**
	 * Peer events seen and messages received by each node at one moment.
	 *
	 * @param peerEvents how many connected and disconnected events each node had seen
	 * @param received how many messages each node had received
	 */
	record Snapshot(Map<TestNode, Integer> peerEvents, Map<TestNode, Long> received) {
	}

}
