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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.tcpnet.actuate.TcpnetEndpoint;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Nodes over real sockets tell each other their metadata in the handshake.
 */
class NodeMetadataTests {

	private final List<TestNode> nodes = new ArrayList<>();

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void twoNodesSeeEachOthersMetadata() {
		TestNode a = start("tcpnet.metadata.zone=eu-west-1a", "tcpnet.metadata.version=1.4.2");
		TestNode b = start("tcpnet.metadata.zone=eu-west-1b", "tcpnet.metadata.role.primary=true",
				"tcpnet.discovery.static.peers=" + a.seed(), "tcpnet.discovery.static.refresh-interval=200ms");
		await().untilAsserted(() -> {
			assertThat(a.tcpnet().peers()).hasSize(1);
			assertThat(b.tcpnet().peers()).hasSize(1);
		});
		Peer bAtA = a.tcpnet().peers().iterator().next();
		Peer aAtB = b.tcpnet().peers().iterator().next();
		assertThat(bAtA.metadata()).containsOnly(entry("zone", "eu-west-1b"), entry("role.primary", "true"));
		assertThat(aAtB.metadata()).containsOnly(entry("zone", "eu-west-1a"), entry("version", "1.4.2"));
		// A node that runs no web server states no HTTP port
		assertThat(aAtB.httpPort()).isEmpty();
		// The events carry it too, and so does the endpoint
		assertThat(a.events(PeerConnectedEvent.class)).singleElement()
			.satisfies((event) -> assertThat(event.getPeer().metadata()).containsEntry("zone", "eu-west-1b"));
		assertThat(a.bean(TcpnetEndpoint.class).node().peers()).singleElement()
			.satisfies((peer) -> assertThat(peer.metadata()).containsEntry("role.primary", "true"));
	}

	@Test
	void aNodeStatesTheHttpPortSetByHand() {
		TestNode a = start("tcpnet.metadata.http-port=8443");
		TestNode b = start("tcpnet.discovery.static.peers=" + a.seed(),
				"tcpnet.discovery.static.refresh-interval=200ms");
		await().untilAsserted(() -> assertThat(b.tcpnet().peers()).hasSize(1));
		assertThat(b.tcpnet().peers().iterator().next().httpPort()).hasValue(8443);
	}

	@Test
	void metadataOverTheBoundFailsTheStartNamingTheProperty() {
		assertThatThrownBy(() -> start("tcpnet.metadata.notes=" + "n".repeat(1800))).rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("Property tcpnet.metadata with value '[notes]' is invalid");
	}

	private TestNode start(String... properties) {
		List<String> all = new ArrayList<>(
				List.of("tcpnet.discovery.mdns.enabled=false", "management.endpoints.web.exposure.include=tcpnet"));
		all.addAll(List.of(properties));
		TestNode node = TestNode.start(all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

	private static Map.Entry<String, String> entry(String key, String value) {
		return Map.entry(key, value);
	}

}
