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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.TopicListener;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Headers over real sockets between two current nodes: a {@link TopicListener}, a
 * {@link PeerMessageEvent} and a {@link RequestHandler} each see what the sender gave.
 */
class HeadersTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Headers HEADERS = Headers.builder()
		.set("tenant", "acme")
		.set("raw", new byte[] { 1, 2, 3 })
		.build();

	@Test
	void listenersEventsAndHandlersSeeTheHeadersTheSenderGave() throws Exception {
		try (TestNode sender = TestNode.start("tcpnet.discovery.mdns.enabled=false");
				TestNode receiver = TestNode.startWith(new Class<?>[] { Receiving.class },
						"tcpnet.discovery.mdns.enabled=false", "tcpnet.discovery.static.peers=" + sender.seed())) {
			await().atMost(TIMEOUT).until(() -> sender.tcpnet().peer(receiver.id()).isPresent());
			sender.tcpnet()
				.send(receiver.id(), "direct", "one".getBytes(StandardCharsets.UTF_8), HEADERS)
				.get(30, TimeUnit.SECONDS);
			sender.tcpnet()
				.send(receiver.id(), "event", "two".getBytes(StandardCharsets.UTF_8), HEADERS)
				.get(30, TimeUnit.SECONDS);
			sender.tcpnet().send(receiver.id(), "event", "three").get(30, TimeUnit.SECONDS);
			byte[] reply = sender.tcpnet()
				.request(receiver.id(), "ask", new byte[0], HEADERS, Duration.ofSeconds(30))
				.get(30, TimeUnit.SECONDS);
			Receiving receiving = receiver.bean(Receiving.class);
			assertThat(receiving.listened).containsExactly(HEADERS);
			assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("acme");
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.events(PeerMessageEvent.class)).hasSize(2));
			List<PeerMessageEvent> events = receiver.events(PeerMessageEvent.class);
			assertThat(events.get(0).getHeaders()).isEqualTo(HEADERS);
			assertThat(events.get(1).getHeaders().isEmpty()).isTrue();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Receiving implements TopicListener {

		final List<Headers> listened = new CopyOnWriteArrayList<>();

		@Override
		public String topic() {
			return "direct";
		}

		@Override
		public void onMessage(Peer from, byte[] payload) {
			throw new IllegalStateException("the variant with headers is called");
		}

		@Override
		public void onMessage(Peer from, byte[] payload, Headers headers) {
			this.listened.add(headers);
		}

		@Bean
		RequestHandler askHandler() {
			return new RequestHandler() {

				@Override
				public String topic() {
					return "ask";
				}

				@Override
				public byte[] handle(Peer from, byte[] payload) {
					throw new IllegalStateException("the variant with headers is called");
				}

				@Override
				public byte[] handle(Peer from, byte[] payload, Headers headers) {
					return headers.get("tenant");
				}

			};
		}

	}

}
