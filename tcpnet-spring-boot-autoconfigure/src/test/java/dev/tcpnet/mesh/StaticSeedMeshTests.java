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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.event.PeerDisconnectedEvent.Reason;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With mDNS off, static seeds form the same full mesh.
 */
class StaticSeedMeshTests {

	private final List<TestNode> nodes = new ArrayList<>();

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void staticSeedsFormFullMeshAndMessagesFlowBothWays() {
		TestNode a = start();
		TestNode b = start(a.seed());
		TestNode c = start(a.seed() + "," + b.seed());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(a.tcpnet().peers()).hasSize(2);
			assertThat(b.tcpnet().peers()).hasSize(2);
			assertThat(c.tcpnet().peers()).hasSize(2);
		});
		a.tcpnet().send(c.id(), "chat", "hello c");
		c.tcpnet().send(a.id(), "chat", "hello a");
		assertThat(b.tcpnet().broadcast("chat", "from b").size()).isEqualTo(2);
		await().untilAsserted(() -> {
			assertThat(c.messages()).contains("hello c", "from b");
			assertThat(a.messages()).contains("hello a", "from b");
		});
		for (TestNode node : List.of(a, b, c)) {
			assertThat(node.connectedEventIds()).hasSize(2).doesNotHaveDuplicates();
		}
	}

	@Test
	void stoppedNodeIsReportedLeftByTheOthers() {
		TestNode a = start();
		TestNode b = start(a.seed());
		await().untilAsserted(() -> assertThat(a.tcpnet().peers()).hasSize(1));
		NodeId leaving = b.id();
		b.close();
		this.nodes.remove(b);
		await().untilAsserted(() -> assertThat(a.disconnects()).singleElement().satisfies((event) -> {
			assertThat(event.getPeer().nodeId()).isEqualTo(leaving);
			assertThat(event.getReason()).isEqualTo(Reason.LEFT);
		}));
		assertThat(a.tcpnet().peers()).isEmpty();
	}

	private TestNode start(String... seeds) {
		List<String> properties = new ArrayList<>(List.of("tcpnet.discovery.mdns.enabled=false"));
		if (seeds.length > 0) {
			properties.add("tcpnet.discovery.static.peers=" + String.join(",", seeds));
			properties.add("tcpnet.discovery.static.refresh-interval=200ms");
		}
		TestNode node = TestNode.start(properties.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

}
