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

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.peer.Peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@SharedTcpnetCluster("orders-shared")
class SharedClusterTests {

	@Autowired
	private Tcpnet tcpnet;

	@Test
	void theClusterIsTheSharedNameAndTheRunsId() {
		assertThat(this.tcpnet.localNode().cluster()).isEqualTo("orders-shared-" + TestClusterNames.RUN_ID);
	}

	@Test
	void nodesOfAClusterWithTheSameSharedNameMeshWithTheTestsNode() {
		try (TcpnetCluster cluster = TcpnetCluster.builder(OrdersApplication.class)
			.nodes(1)
			.sharedCluster("orders-shared")
			.start()) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.tcpnet.peers()).extracting(Peer::nodeId)
					.contains(cluster.node(1).nodeId()));
			assertThat(cluster.name()).isEqualTo(this.tcpnet.localNode().cluster());
		}
	}

}
