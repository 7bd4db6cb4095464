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

package dev.tcpnet.transport.netty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.message.Headers;
import dev.tcpnet.support.TestNode;
import dev.tcpnet.transport.Envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling upgrade: a node of this version meshes with a node that speaks only protocol
 * version 1, over a real socket. Messages flow both ways; headers are simply absent on
 * that pair, whichever way.
 */
class VersionOneMeshTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void messagesFlowBothWaysWithAVersionOneNodeAndHeadersStayHome() throws Exception {
		try (TestNode node = TestNode.start("tcpnet.discovery.mdns.enabled=false");
				VersionOnePeer old = new VersionOnePeer("test", node.port())) {
			await().atMost(TIMEOUT).until(() -> node.tcpnet().peer(old.nodeId).isPresent());
			assertThat(old.helloReceived()).isTrue();
			node.tcpnet()
				.send(old.nodeId, "to-old", "hello".getBytes(StandardCharsets.UTF_8),
						Headers.builder().set("traceparent", "00-abc-def-01").build())
				.get(30, TimeUnit.SECONDS);
			assertThat(old.received).singleElement().satisfies((envelope) -> {
				assertThat(envelope.kind()).isEqualTo(Envelope.Kind.MESSAGE);
				assertThat(envelope.topic()).isEqualTo("to-old");
				assertThat(envelope.payload()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
				assertThat(envelope.headers().isEmpty()).isTrue();
			});
			old.send("from-old", "hi".getBytes(StandardCharsets.UTF_8));
			await().atMost(TIMEOUT)
				.untilAsserted(
						() -> assertThat(node.events(PeerMessageEvent.class)).singleElement().satisfies((event) -> {
							assertThat(event.getPeer().nodeId()).isEqualTo(old.nodeId);
							assertThat(event.getPayloadAsString()).isEqualTo("hi");
							assertThat(event.getHeaders().isEmpty()).isTrue();
						}));
			await().atMost(TIMEOUT).until(() -> old.acknowledged.get() == 1);
			assertThat(old.violations).isEmpty();
		}
	}

}
