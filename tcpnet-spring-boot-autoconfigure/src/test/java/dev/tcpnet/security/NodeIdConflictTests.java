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

package dev.tcpnet.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two live nodes with the same node id (a copied {@code tcpnet.node-id}) never take
 * turns: the established one is kept, the newcomer refused every time, with an ERROR on
 * both sides that names both addresses and the property, counted as {@code conflict}.
 */
@ExtendWith(OutputCaptureExtension.class)
class NodeIdConflictTests {

	private final String cluster = "conflict-" + NodeId.random().shortForm();

	private final List<TestNode> nodes = new ArrayList<>();

	@AfterEach
	void stop() {
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void aThirdNodeKeepsTheEstablishedOneAndRefusesTheCopyEveryTime(CapturedOutput output) {
		TestNode c = start("tcpnet.node-id=c-node");
		TestNode first = start("tcpnet.node-id=dup", "tcpnet.discovery.static.peers=" + c.seed());
		await().untilAsserted(() -> assertThat(c.tcpnet().peers()).hasSize(1));
		TestNode copy = start("tcpnet.node-id=dup", "tcpnet.discovery.static.peers=" + c.seed());
		await().untilAsserted(() -> assertThat(conflicts(c)).isGreaterThanOrEqualTo(3));
		assertThat(c.tcpnet().peer(NodeId.of("dup"))).get()
			.satisfies((peer) -> assertThat(peer.remoteAddress().getPort())
				.isNotEqualTo(copy.tcpnet().localNode().port()));
		assertThat(c.events(PeerConnectedEvent.class)).hasSize(1);
		assertThat(c.disconnects()).isEmpty();
		assertThat(first.tcpnet().peers()).hasSize(1);
		assertThat(copy.tcpnet().peers()).isEmpty();
		assertThat(output).contains("ERROR")
			.contains("node id 'dup' is used by two live nodes")
			.contains("give every node its own tcpnet.node-id")
			.contains("refused the handshake: CONFLICT");
	}

	@Test
	void twoNodesWithOneIdRefuseEachOtherWithAnErrorOnBoth(CapturedOutput output) {
		TestNode first = start("tcpnet.node-id=twin");
		TestNode second = start("tcpnet.node-id=twin", "tcpnet.discovery.static.peers=" + first.seed());
		await().untilAsserted(() -> assertThat(conflicts(first)).isPositive());
		assertThat(first.tcpnet().peers()).isEmpty();
		assertThat(second.tcpnet().peers()).isEmpty();
		// Each refuses the other's hello: one ERROR on each node, each naming the other's
		// address.
		long incarnationOfFirst = first.tcpnet().localNode().incarnation();
		long incarnationOfSecond = second.tcpnet().localNode().incarnation();
		await().untilAsserted(() -> assertThat(output.getAll().lines().filter((line) -> line.contains("ERROR")))
			.anySatisfy((line) -> assertThat(line).contains("this one is " + incarnationOfFirst))
			.anySatisfy((line) -> assertThat(line).contains("this one is " + incarnationOfSecond))
			.allSatisfy((line) -> assertThat(line).contains("node id 'twin' is also used by the node at")
				.contains("give every node its own tcpnet.node-id")));
	}

	private static long conflicts(TestNode node) {
		return node.bean(PeerRegistry.class).counters().handshakesRejected("conflict");
	}

	private TestNode start(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("tcpnet.cluster=" + this.cluster);
		all.add("tcpnet.discovery.mdns.enabled=false");
		all.add("tcpnet.discovery.static.refresh-interval=100ms");
		all.add("tcpnet.reconnect.max-delay=" + Duration.ofMillis(200).toMillis() + "ms");
		TestNode node = TestNode.start(all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

}
