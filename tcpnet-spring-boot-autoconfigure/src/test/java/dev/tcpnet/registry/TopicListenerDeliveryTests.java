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

package dev.tcpnet.registry;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.TopicListener;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.transport.Envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the {@link TopicListener}s of {@link DefaultPeerRegistry}: their topics'
 * messages go to them, in order, instead of being published.
 */
@ExtendWith(OutputCaptureExtension.class)
class TopicListenerDeliveryTests {

	private static final Peer PEER = new Peer(NodeId.of("sender"), "c", new InetSocketAddress("127.0.0.1", 5000), 5000,
			Direction.INBOUND, Instant.now());

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final List<String> direct = new CopyOnWriteArrayList<>();

	private DefaultPeerRegistry registry;

	@AfterEach
	void close() {
		this.registry.close(Duration.ofSeconds(1));
	}

	@Test
	void messagesOfAListenersTopicGoToItInOrderAndTheRestArePublished() {
		this.registry = new DefaultPeerRegistry(this.events::add, List.of(recording("fast")));
		this.registry.messagesReceived(PEER, List.of(message("fast", "1"), message("slow", "2"), message("fast", "3")));
		this.registry.messagesReceived(PEER, List.of(message("fast", "4")));
		await().untilAsserted(() -> assertThat(this.direct).containsExactly("sender:1", "sender:3", "sender:4"));
		assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(PeerMessageEvent.class, (event) -> assertThat(event.getTopic()).isEqualTo("slow"));
		// Counted like every other message
		assertThat(this.registry.counters().messagesReceived()).isEqualTo(4);
	}

	@Test
	void listenerThatFailsIsLoggedAndGetsTheNextMessage(CapturedOutput output) {
		TopicListener failing = listener("fast", (from, payload) -> {
			String text = new String(payload, StandardCharsets.UTF_8);
			if (text.equals("boom")) {
				throw new IllegalStateException("cannot take " + text);
			}
			this.direct.add(text);
		});
		this.registry = new DefaultPeerRegistry(this.events::add, List.of(failing));
		this.registry.messagesReceived(PEER, List.of(message("fast", "boom"), message("fast", "next")));
		await().untilAsserted(() -> assertThat(this.direct).containsExactly("next"));
		assertThat(output).contains("The listener of topic 'fast' failed on a message from sender")
			.contains("cannot take boom");
	}

	@Test
	void anErrorFromAListenerDoesNotEndTheDeliveryOfTheReadsOtherMessages(CapturedOutput output) {
		TopicListener failing = listener("fast", (from, payload) -> {
			String text = new String(payload, StandardCharsets.UTF_8);
			if (text.equals("error")) {
				throw new AssertionError("an Error, not an Exception");
			}
			this.direct.add(text);
		});
		List<Object> published = new CopyOnWriteArrayList<>();
		this.registry = new DefaultPeerRegistry((event) -> {
			if (event instanceof PeerMessageEvent message && message.getPayloadAsString().equals("error")) {
				throw new StackOverflowError("an event listener's Error");
			}
			published.add(event);
		}, List.of(failing));
		this.registry.messagesReceived(PEER, List.of(message("fast", "error"), message("fast", "after"),
				message("other", "error"), message("other", "event after")));
		await().untilAsserted(() -> assertThat(this.direct).containsExactly("after"));
		await().untilAsserted(() -> assertThat(published).singleElement()
			.extracting((event) -> ((PeerMessageEvent) event).getPayloadAsString())
			.isEqualTo("event after"));
		assertThat(output).contains("an Error, not an Exception").contains("an event listener's Error");
	}

	@Test
	void listenersOfOneTopicEachGetEveryMessageInOrderAndOneFailingDoesNotStopTheNext(CapturedOutput output) {
		List<String> second = new CopyOnWriteArrayList<>();
		TopicListener failing = listener("fast", (from, payload) -> {
			payload[0] = 'X';
			throw new IllegalStateException("first listener fails");
		});
		this.registry = new DefaultPeerRegistry(this.events::add, List.of(failing, recording("fast")));
		this.registry.addTopicListener(listener("fast", (from, payload) -> second.add(new String(payload))));
		this.registry.messagesReceived(PEER, List.of(message("fast", "1"), message("fast", "2")));
		await().untilAsserted(() -> assertThat(second).containsExactly("1", "2"));
		// Each listener's array is its own: the first one's scribbling reaches no other.
		assertThat(this.direct).containsExactly("sender:1", "sender:2");
		assertThat(this.events).isEmpty();
		assertThat(output).contains("first listener fails");
	}

	@Test
	void aListenerAddedLaterTakesItsTopicFromTheEvents() {
		this.registry = new DefaultPeerRegistry(this.events::add);
		this.registry.addTopicListener(recording("fast"));
		this.registry.messagesReceived(PEER, List.of(message("fast", "1")));
		await().untilAsserted(() -> assertThat(this.direct).containsExactly("sender:1"));
		assertThat(this.events).isEmpty();
	}

	private TopicListener recording(String topic) {
		return listener(topic, (from, payload) -> this.direct
			.add(from.nodeId().value() + ":" + new String(payload, StandardCharsets.UTF_8)));
	}

	private static TopicListener listener(String topic, Receiver receiver) {
		return new TopicListener() {

			@Override
			public String topic() {
				return topic;
			}

			@Override
			public void onMessage(Peer from, byte[] payload) throws Exception {
				receiver.receive(from, payload);
			}

		};
	}

	private static Envelope message(String topic, String text) {
		return new Envelope(1, Envelope.Kind.MESSAGE, 0, topic, text.getBytes(StandardCharsets.UTF_8));
	}

	@FunctionalInterface
	interface Receiver {

		void receive(Peer from, byte[] payload) throws Exception;

	}

}
