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
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Peers tell each other whom they know, so a node that found one member reaches them all.
 */
class PeerExchangeTests {

	private final String cluster = "px-" + NodeId.random().shortForm();

	private final List<TestNode> nodes = new ArrayList<>();

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void chainOfSeedsEndsInAFullMesh() {
		TestNode c = start();
		TestNode b = start("tcpnet.discovery.static.peers=" + c.seed());
		TestNode a = start("tcpnet.discovery.static.peers=" + b.seed());
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			for (TestNode node : List.of(a, b, c)) {
				List<NodeId> others = Stream.of(a, b, c)
					.map(TestNode::id)
					.filter((id) -> !id.equals(node.id()))
					.toList();
				assertThat(node.tcpnet().peers()).extracting((p) -> p.nodeId())
					.containsExactlyInAnyOrderElementsOf(others);
			}
		});
		assertThat(a.bean(dev.tcpnet.registry.PeerRegistry.class).counters().sightings(Mesh.EXCHANGE)
				+ c.bean(dev.tcpnet.registry.PeerRegistry.class).counters().sightings(Mesh.EXCHANGE))
			.isPositive();
	}

	private TestNode start(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("tcpnet.cluster=" + this.cluster);
		all.add("tcpnet.discovery.mdns.enabled=false");
		TestNode node = TestNode.start(all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

}
