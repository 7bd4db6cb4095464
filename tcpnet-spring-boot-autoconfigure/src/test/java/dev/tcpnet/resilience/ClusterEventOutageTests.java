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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import dev.tcpnet.bus.ClusterEvent;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster events published while the link to a peer is down (reset through a relay, the
 * reconnect held back for a second) reach it once it is back: once each, in order.
 */
class ClusterEventOutageTests {

	private final String cluster = "events-" + NodeId.random().shortForm();

	private final List<TestNode> nodes = new ArrayList<>();

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void eventsPublishedDuringAnOutageArriveAfterTheReconnect() throws Exception {
		TestNode receiver = start();
		try (Relay relay = new Relay(receiver.port())) {
			TestNode sender = start("tcpnet.discovery.static.peers=127.0.0.1:" + relay.port());
			await().untilAsserted(() -> assertThat(sender.tcpnet().peers()).hasSize(1));
			publish(sender, 0, 50);
			relay.reset();
			await().untilAsserted(() -> assertThat(sender.disconnects()).hasSize(1));
			// The peer is lost and the next attempt a second away: these wait in its
			// buffer.
			assertThat(sender.tcpnet().peers()).isEmpty();
			publish(sender, 50, 100);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(receiver.bean(Received.class).numbers)
					.containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList()));
			assertThat(sender.events(PeerConnectedEvent.class)).anyMatch(PeerConnectedEvent::isReconnect);
		}
	}

	private static void publish(TestNode node, int from, int to) {
		for (int i = from; i < to; i++) {
			node.context().publishEvent(new Tick(i));
		}
	}

	private TestNode start(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("tcpnet.cluster=" + this.cluster);
		all.add("tcpnet.discovery.mdns.enabled=false");
		all.add("tcpnet.reconnect.initial-delay=1s");
		all.add("logging.level.dev.tcpnet=INFO");
		TestNode node = TestNode.startWith(new Class<?>[] { Received.class }, all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

	@ClusterEvent
	record Tick(int n) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Received {

		final List<Integer> numbers = new CopyOnWriteArrayList<>();

		@EventListener
		void on(Tick tick) {
			this.numbers.add(tick.n());
		}

	}

}
