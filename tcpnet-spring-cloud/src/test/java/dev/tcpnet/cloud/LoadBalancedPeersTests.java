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

package dev.tcpnet.cloud;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.web.client.RestClient;

import dev.tcpnet.actuate.TcpnetEndpoint;
import dev.tcpnet.peer.Peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two web applications on 127.0.0.1 mesh over static seeds (no registry, no mDNS): each
 * sees the other's bound HTTP port in its metadata, lists it through
 * {@link TcpnetDiscoveryClient}, and calls it through Spring Cloud LoadBalancer by the
 * cluster name.
 */
class LoadBalancedPeersTests {

	private static final String CLUSTER = "lb-peers";

	private final List<WebNode> nodes = new ArrayList<>();

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(WebNode::close);
	}

	@Test
	void peersAreListedAndCalledByClusterName() {
		WebNode a = start();
		WebNode b = start("tcpnet.discovery.static.peers=127.0.0.1:" + a.tcpnet().localNode().port(),
				"tcpnet.discovery.static.refresh-interval=200ms");
		await().untilAsserted(() -> {
			assertThat(a.tcpnet().peers()).hasSize(1);
			assertThat(b.tcpnet().peers()).hasSize(1);
		});
		// Each states the port its web server really bound
		Peer aAtB = b.tcpnet().peers().get(0);
		assertThat(aAtB.httpPort()).hasValue(a.httpPort());
		assertThat(aAtB.metadata()).containsEntry("http-port", Integer.toString(a.httpPort()))
			.containsEntry("team", "payments");
		assertThat(b.bean(TcpnetEndpoint.class).node().peers()).singleElement()
			.satisfies(
					(peer) -> assertThat(peer.metadata()).containsEntry("http-port", Integer.toString(a.httpPort())));
		// The composite DiscoveryClient that LoadBalancer asks lists the peer
		DiscoveryClient discovery = b.bean(DiscoveryClient.class);
		assertThat(discovery.getServices()).contains(CLUSTER);
		assertThat(discovery.getInstances(CLUSTER)).singleElement().satisfies((instance) -> {
			assertThat(instance.getInstanceId()).isEqualTo(a.id());
			assertThat(instance.getHost()).isEqualTo("127.0.0.1");
			assertThat(instance.getPort()).isEqualTo(a.httpPort());
		});
		// A @LoadBalanced RestClient reaches the peer's endpoint by cluster name
		RestClient client = b.bean(RestClient.Builder.class).build();
		assertThat(client.get().uri("http://" + CLUSTER + "/whoami").retrieve().body(String.class)).isEqualTo(a.id());
		assertThat(a.bean(RestClient.Builder.class)
			.build()
			.get()
			.uri("http://" + CLUSTER + "/whoami")
			.retrieve()
			.body(String.class)).isEqualTo(b.id());
	}

	private WebNode start(String... properties) {
		List<String> all = new ArrayList<>(List.of("tcpnet.cluster=" + CLUSTER, "spring.application.name=" + CLUSTER,
				"eureka.client.enabled=false", "tcpnet.metadata.team=payments",
				"management.endpoints.web.exposure.include=tcpnet"));
		all.addAll(List.of(properties));
		WebNode node = WebNode.startWith(new Class<?>[] { WebNode.LoadBalancedClient.class },
				all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

}
