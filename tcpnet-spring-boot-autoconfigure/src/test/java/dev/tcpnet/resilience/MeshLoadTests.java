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

package dev.tcpnet.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.tcpnet.MessageDroppedException;
import dev.tcpnet.NoSuchPeerException;
import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.support.NumberedMessages;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes streaming to each other at once, over real sockets, when one of them stops
 * halfway: the streams between the other two are not disturbed (all their messages
 * arrive, once, in order), and the streams to and from the one that left end, with
 * {@code LEFT} or {@code SHUTDOWN} or the peer unknown, rather than hang.
 */
class MeshLoadTests {

	private static final int MESSAGES = 40_000;

	private static final int WINDOW = 500;

	private static final String MDNS_OFF = "tcpnet.discovery.mdns.enabled=false";

	@Test
	void aNodeLeavingMidLoadDisturbsNoOtherStream() throws Exception {
		Class<?>[] beans = { NumberedMessages.class };
		try (TestNode a = TestNode.startWith(beans, MDNS_OFF);
				TestNode b = TestNode.startWith(beans, MDNS_OFF, "tcpnet.discovery.static.peers=" + a.seed())) {
			TestNode leaving = TestNode.startWith(beans, MDNS_OFF, "tcpnet.discovery.static.peers=" + a.seed());
			List<TestNode> all = List.of(a, b, leaving);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> all.stream().allMatch((node) -> node.tcpnet().peers().size() == 2));
			ExecutorService threads = Executors.newFixedThreadPool(6);
			List<CompletableFuture<Void>> staying = new ArrayList<>();
			List<CompletableFuture<Void>> withLeaving = new ArrayList<>();
			try {
				for (TestNode from : all) {
					for (TestNode to : all) {
						if (from != to) {
							boolean touchesLeaving = from == leaving || to == leaving;
							CompletableFuture<Void> stream = CompletableFuture
								.runAsync(() -> NumberedMessages.send(from, to, MESSAGES, WINDOW), threads);
							(touchesLeaving ? withLeaving : staying).add(stream);
						}
					}
				}
				await().until(() -> a.bean(NumberedMessages.class).next(b) > MESSAGES / 4);
				leaving.close();
				CompletableFuture.allOf(staying.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
				for (CompletableFuture<Void> stream : withLeaving) {
					// Done before the node left, or ended by its leaving; never hanging.
					assertThat(stream.handle((done, failure) -> failure == null || endOfStream(failure)))
						.succeedsWithin(Duration.ofSeconds(30))
						.isEqualTo(true);
				}
			}
			finally {
				threads.shutdownNow();
			}
			NumberedMessages.awaitAll(b, a, MESSAGES);
			NumberedMessages.awaitAll(a, b, MESSAGES);
		}
	}

	/**
	 * How a stream to or from the node that left may end: dropped as LEFT or SHUTDOWN, or
	 * no peer.
	 */
	private static boolean endOfStream(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		if (cause instanceof MessageDroppedException dropped) {
			return dropped.getReason() == MessageDroppedEvent.Reason.LEFT
					|| dropped.getReason() == MessageDroppedEvent.Reason.SHUTDOWN;
		}
		return cause instanceof NoSuchPeerException || cause instanceof IllegalStateException;
	}

}
