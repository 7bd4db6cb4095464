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

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TcpnetDiscoveryClient} over fixed peers;
 * {@link LoadBalancedPeersTests} runs it over a real mesh.
 */
class TcpnetDiscoveryClientTests {

	@Test
	void listsThePeersWithAnHttpPortByClusterNameInAnyCase() {
		DiscoveryClient client = new TcpnetDiscoveryClient(
				new FixedPeerRegistry(List.of(peer("worker-1", null, null), peer("web-1", "8080", null))), "orders",
				100);
		assertThat(client.getServices()).containsExactly("orders");
		assertThat(client.getInstances("ORDERS")).singleElement().satisfies((instance) -> {
			assertThat(instance.getInstanceId()).isEqualTo("web-1");
			assertThat(instance.getServiceId()).isEqualTo("orders");
			assertThat(instance.getHost()).isEqualTo("127.0.0.1");
			assertThat(instance.getPort()).isEqualTo(8080);
			assertThat(instance.isSecure()).isFalse();
			assertThat(instance.getUri()).hasToString("http://127.0.0.1:8080");
			assertThat(instance.getMetadata()).containsEntry("zone", "a");
		});
		assertThat(client.getInstances("billing")).isEmpty();
		assertThat(client.getOrder()).isEqualTo(100);
	}

	@Test
	void withoutAPeerThatRunsAWebServerThereIsNoService() {
		DiscoveryClient client = new TcpnetDiscoveryClient(
				new FixedPeerRegistry(List.of(peer("worker-1", null, null), peer("odd-1", "not-a-port", null))),
				"orders", 100);
		assertThat(client.getServices()).isEmpty();
		assertThat(client.getInstances("orders")).isEmpty();
	}

	@Test
	void aPeerSaysItsWebServerIsSecure() {
		DiscoveryClient client = new TcpnetDiscoveryClient(
				new FixedPeerRegistry(List.of(peer("web-1", "8443", "true"))), "orders", 100);
		assertThat(client.getInstances("orders")).singleElement()
			.satisfies((instance) -> assertThat(instance.getUri()).hasToString("https://127.0.0.1:8443"));
	}

	private static Peer peer(String id, @Nullable String httpPort, @Nullable String secure) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("zone", "a");
		if (httpPort != null) {
			metadata.put(Peer.HTTP_PORT, httpPort);
		}
		if (secure != null) {
			metadata.put(TcpnetDiscoveryClient.SECURE_KEY, secure);
		}
		return new Peer(NodeId.of(id), "orders", new InetSocketAddress("127.0.0.1", 40000), 40000, Direction.INBOUND,
				Instant.now(), metadata);
	}

}
