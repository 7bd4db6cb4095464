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

package dev.tcpnet.test;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TcpnetClusterExtensionTests {

	@RegisterExtension
	static TcpnetClusterExtension cluster = TcpnetClusterExtension.of(OrdersApplication.class).nodes(3);

	@Test
	void everyNodeIsConnectedToEveryOtherBeforeTheTest() {
		assertThat(cluster.nodes()).hasSize(3);
		for (TcpnetNode node : cluster.nodes()) {
			List<NodeId> others = cluster.nodes()
				.stream()
				.map(TcpnetNode::nodeId)
				.filter((id) -> !id.equals(node.nodeId()))
				.toList();
			assertThat(node.tcpnet().peers()).extracting(Peer::nodeId).containsExactlyInAnyOrderElementsOf(others);
		}
	}

	@Test
	void theNodesAreNumberedAndShareAClusterOfTheirOwnOnLoopback() {
		assertThat(cluster.nodes()).extracting((node) -> node.nodeId().toString())
			.containsExactly("node-1", "node-2", "node-3");
		assertThat(cluster.cluster().name()).matches("tcpnet-test-\\p{XDigit}{8}-\\d+");
		for (TcpnetNode node : cluster.nodes()) {
			assertThat(node.tcpnet().localNode().cluster()).isEqualTo(cluster.cluster().name());
			assertThat(node.context().getEnvironment().getProperty("tcpnet.discovery.mdns.interfaces"))
				.isEqualTo("127.0.0.1");
			assertThat(node.context().getEnvironment().getProperty("local.tcpnet.port", Integer.class))
				.isEqualTo(node.port());
		}
	}

	@Test
	void aNodeHearsWhatAnotherSends() {
		assertThat(cluster.node(1).getBean(OrdersApplication.Orders.class).announce("order-7")).isEqualTo(2);
		for (int index : new int[] { 2, 3 }) {
			OrdersApplication.Inbox inbox = cluster.node(index).getBean(OrdersApplication.Inbox.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received().contains("orders:order-7"));
		}
	}

}
