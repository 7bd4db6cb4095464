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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;

import dev.tcpnet.TopicListener;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link TopicListener} bean over real sockets: it receives its topic's messages in the
 * order they were sent, and they are not published as events; other topics still are.
 */
class TopicListenerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void beanReceivesItsTopicInOrderAndOtherTopicsStayEvents() throws Exception {
		try (TestNode sender = TestNode.start("tcpnet.discovery.mdns.enabled=false");
				TestNode receiver = TestNode.startWith(new Class<?>[] { Direct.class },
						"tcpnet.discovery.mdns.enabled=false", "tcpnet.discovery.static.peers=" + sender.seed())) {
			await().atMost(TIMEOUT).until(() -> sender.tcpnet().peer(receiver.id()).isPresent());
			List<String> sent = IntStream.range(0, 2000).mapToObj(Integer::toString).toList();
			// In windows of acknowledged messages: more than tcpnet.delivery.buffer-max
			// waiting fail
			for (int from = 0; from < sent.size(); from += 500) {
				CompletableFuture
					.allOf(sent.subList(from, from + 500)
						.stream()
						.map((text) -> sender.tcpnet().send(receiver.id(), "direct", text))
						.toArray(CompletableFuture[]::new))
					.get(30, TimeUnit.SECONDS);
			}
			sender.tcpnet().send(receiver.id(), "t", "as an event");
			Direct direct = receiver.bean(Direct.class);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(direct.received).hasSameSizeAs(sent));
			assertThat(direct.received).containsExactlyElementsOf(sent);
			assertThat(direct.senders).containsOnly(sender.id().value());
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.messages()).containsExactly("as an event"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Direct implements TopicListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		final List<String> senders = new CopyOnWriteArrayList<>();

		@Override
		public String topic() {
			return "direct";
		}

		@Override
		public void onMessage(Peer from, byte[] payload) {
			this.senders.add(from.nodeId().value());
			this.received.add(new String(payload, StandardCharsets.UTF_8));
		}

	}

}
