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
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A link too slow to carry one large frame within the heartbeat timeout: the bytes of the
 * frame arriving keep the peer alive, so the frame gets through instead of the connection
 * being declared lost, redialed and the frame sent again, forever.
 */
class SlowLinkTests {

	private static final int PAYLOAD = 1024 * 1024;

	private final String cluster = "slow-" + NodeId.random().shortForm();

	private final List<TestNode> nodes = new ArrayList<>();

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void frameLongerInTransitThanTheHeartbeatTimeoutArrivesWithoutALoss() throws Exception {
		TestNode receiver = start();
		// 1 MiB at 400 KiB/s: about 2.5 s in transit, against a timeout of 1 s
		try (Relay relay = new Relay(receiver.port(), 400 * 1024)) {
			TestNode sender = start("tcpnet.discovery.static.peers=127.0.0.1:" + relay.port());
			await().untilAsserted(() -> assertThat(sender.tcpnet().peers()).hasSize(1));
			CompletableFuture<Void> sent = sender.tcpnet().send(receiver.id(), "large", new byte[PAYLOAD]);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(receiver.events(PeerMessageEvent.class)).singleElement()
					.satisfies((event) -> assertThat(event.getPayload()).hasSize(PAYLOAD)));
			sent.get();
			assertThat(receiver.events(PeerDisconnectedEvent.class)).isEmpty();
			assertThat(sender.events(PeerDisconnectedEvent.class)).isEmpty();
		}
	}

	private TestNode start(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.addAll(List.of("tcpnet.cluster=" + this.cluster, "tcpnet.discovery.mdns.enabled=false",
				"tcpnet.heartbeat.interval=300ms", "tcpnet.heartbeat.timeout=1s", "logging.level.dev.tcpnet=INFO"));
		TestNode node = TestNode.start(all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

}
