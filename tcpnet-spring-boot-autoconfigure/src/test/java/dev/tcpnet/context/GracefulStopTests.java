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

package dev.tcpnet.context;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node that stops drains first, over real sockets: what it sent just before
 * {@code close()} reaches the peer, and only then does it say goodbye.
 */
class GracefulStopTests {

	private static final String MDNS_OFF = "tcpnet.discovery.mdns.enabled=false";

	/** As many as a peer's buffer holds by default: none is refused for room. */
	private static final int MESSAGES = 1_000;

	@Test
	void messagesSentJustBeforeCloseAreDeliveredNotDropped() {
		try (TestNode receiver = TestNode.start(MDNS_OFF)) {
			TestNode sender = TestNode.start(MDNS_OFF, "tcpnet.discovery.static.peers=" + receiver.seed());
			await().until(() -> sender.tcpnet().peer(receiver.id()).isPresent());
			PeerRegistry senderRegistry = sender.bean(PeerRegistry.class);
			List<String> sent = new ArrayList<>();
			for (int i = 0; i < MESSAGES; i++) {
				sent.add("m" + i);
				sender.tcpnet().send(receiver.id(), "last-words", ("m" + i).getBytes(StandardCharsets.UTF_8));
			}
			sender.close();
			for (MessageDroppedEvent.Reason reason : MessageDroppedEvent.Reason.values()) {
				assertThat(senderRegistry.counters().messagesDropped(reason)).as(reason.name()).isZero();
			}
			await().untilAsserted(() -> assertThat(receiver.disconnects()).singleElement()
				.satisfies((event) -> assertThat(event.getReason()).isEqualTo(PeerDisconnectedEvent.Reason.LEFT)));
			assertThat(receiver.messages()).containsExactlyElementsOf(sent);
		}
	}

}
