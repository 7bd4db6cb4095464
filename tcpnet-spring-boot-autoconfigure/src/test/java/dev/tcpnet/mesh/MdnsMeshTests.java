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

import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent.Reason;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real nodes finding each other with real JmDNS on 127.0.0.1: a full mesh forms, a fourth
 * node joins, and nodes that stop are reported as left.
 */
class MdnsMeshTests {

	private static final Duration FORMATION = Duration.ofSeconds(30);

	private final List<TestNode> nodes = new ArrayList<>();

	// Other runs on this machine also use mDNS on 127.0.0.1: keep this test's nodes
	// apart.
	private final String cluster = "mesh-" + NodeId.random().shortForm();

	@AfterEach
	void stopNodes() {
		this.nodes.parallelStream().forEach(TestNode::close);
	}

	@Test
	void nodesFindEachOtherJoinAndLeave() {
		long formationStart = System.nanoTime();
		TestNode a = start();
		TestNode b = start();
		TestNode c = start();
		long lastStarted = System.nanoTime();
		awaitFullMesh(a, b, c);
		System.out.printf(
				"mDNS formation: 3 nodes in full mesh %d ms after the first began to start, %d ms after "
						+ "the last had started%n",
				(System.nanoTime() - formationStart) / 1_000_000, (System.nanoTime() - lastStarted) / 1_000_000);
		for (TestNode node : List.of(a, b, c)) {
			assertThat(node.connectedEventIds()).hasSize(2).doesNotHaveDuplicates();
		}

		a.tcpnet().send(b.id(), "chat", "a to b");
		b.tcpnet().send(a.id(), "chat", "b to a");
		assertThat(c.tcpnet().broadcast("chat", "c to all").size()).isEqualTo(2);
		await().untilAsserted(() -> {
			assertThat(b.messages()).contains("a to b", "c to all");
			assertThat(a.messages()).contains("b to a", "c to all");
		});

		long joinStart = System.nanoTime();
		TestNode d = start();
		awaitFullMesh(a, b, c, d);
		System.out.printf("mDNS join: 4th node connected to all 3 in %d ms%n",
				(System.nanoTime() - joinStart) / 1_000_000);
		for (TestNode node : List.of(a, b, c, d)) {
			assertThat(node.connectedEventIds()).hasSize(3).doesNotHaveDuplicates();
		}

		stopAndExpectLeft(d, a, b, c);
		stopAndExpectLeft(c, a, b);
		stopAndExpectLeft(b, a);
		assertThat(a.tcpnet().peers()).isEmpty();
		assertThat(a.disconnects()).extracting(PeerDisconnectedEvent::getReason).containsOnly(Reason.LEFT).hasSize(3);
	}

	private void stopAndExpectLeft(TestNode leaving, TestNode... staying) {
		NodeId leavingId = leaving.id();
		long stopStart = System.nanoTime();
		leaving.close();
		System.out.printf("context stop with mDNS: %d ms%n", (System.nanoTime() - stopStart) / 1_000_000);
		this.nodes.remove(leaving);
		await().atMost(FORMATION).untilAsserted(() -> {
			for (TestNode node : staying) {
				assertThat(node.tcpnet().peers()).hasSize(staying.length - 1);
				assertThat(node.disconnects()).filteredOn((e) -> e.getPeer().nodeId().equals(leavingId))
					.singleElement()
					.extracting(PeerDisconnectedEvent::getReason)
					.isEqualTo(Reason.LEFT);
			}
		});
	}

	private TestNode start() {
		TestNode node = TestNode.start("tcpnet.cluster=" + this.cluster, "logging.level.dev.tcpnet=INFO");
		this.nodes.add(node);
		return node;
	}

	private static void awaitFullMesh(TestNode... mesh) {
		await().atMost(FORMATION).untilAsserted(() -> {
			for (TestNode node : mesh) {
				List<NodeId> others = Stream.of(mesh).map(TestNode::id).filter((id) -> !id.equals(node.id())).toList();
				assertThat(node.tcpnet().peers()).extracting((p) -> p.nodeId())
					.containsExactlyInAnyOrderElementsOf(others);
			}
		});
	}

}
