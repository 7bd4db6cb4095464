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

package dev.tcpnet.support;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tcpnet.TopicListener;
import dev.tcpnet.peer.Peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Streams of numbered messages for load tests: sending them in acknowledged windows, and,
 * as the receiving node's {@link TopicListener} bean of {@link #TOPIC}, checking that
 * each sender's arrive once and in order.
 */
public class NumberedMessages implements TopicListener {

	/** The topic of the numbered messages. */
	public static final String TOPIC = "numbered";

	private final Map<String, Integer> next = new ConcurrentHashMap<>();

	private final List<String> outOfOrder = new CopyOnWriteArrayList<>();

	/**
	 * Sends messages numbered 0 to {@code count - 1} in windows, each acknowledged before
	 * the next: none may fail.
	 * @param from the sending node
	 * @param to the receiving node
	 * @param count how many
	 * @param window how many may wait for their acknowledgement
	 */
	public static void send(TestNode from, TestNode to, int count, int window) {
		for (int first = 0; first < count; first += window) {
			List<CompletableFuture<Void>> sent = new ArrayList<>();
			for (int n = first; n < Math.min(count, first + window); n++) {
				sent.add(from.tcpnet().send(to.id(), TOPIC, ByteBuffer.allocate(4).putInt(n).array()));
			}
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
		}
	}

	/**
	 * Waits until all of a sender's messages arrived, and checks that they came in order.
	 * @param receiver the receiving node, with this bean
	 * @param sender the sender
	 * @param count how many it sent
	 */
	public static void awaitAll(TestNode receiver, TestNode sender, int count) {
		NumberedMessages numbered = receiver.bean(NumberedMessages.class);
		// Acknowledged means accepted: the listener may still be working through them.
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(numbered.next(sender)).isEqualTo(count));
		assertThat(numbered.outOfOrder).isEmpty();
	}

	@Override
	public String topic() {
		return TOPIC;
	}

	/** Checks a message received: its number should be the next of its sender's. */
	@Override
	public void onMessage(Peer from, byte[] payload) {
		String sender = from.nodeId().value();
		int expected = this.next.getOrDefault(sender, 0);
		int n = ByteBuffer.wrap(payload).getInt();
		if (n != expected) {
			this.outOfOrder.add(sender + ": " + n + " instead of " + expected);
		}
		this.next.put(sender, n + 1);
	}

	/**
	 * Returns how many messages of a sender arrived in order so far.
	 * @param sender the sender
	 * @return the number of the next message expected
	 */
	public int next(TestNode sender) {
		return this.next.getOrDefault(sender.id().value(), 0);
	}

}
