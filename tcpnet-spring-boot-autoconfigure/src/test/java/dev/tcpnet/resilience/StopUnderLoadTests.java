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
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.RepeatedTest;

import dev.tcpnet.MessageDroppedException;
import dev.tcpnet.NoSuchPeerException;
import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node stopped while several threads send to a peer as fast as they can, over real
 * sockets (the sender itself, or the peer, which says goodbye): the stop completes, and
 * every send's future completes too, either acknowledged or dropped with a reason; none
 * is left waiting for ever.
 */
class StopUnderLoadTests {

	private static final int THREADS = 4;

	private static final String MDNS_OFF = "tcpnet.discovery.mdns.enabled=false";

	/**
	 * Per thread: most sends fail at once with OVERFLOW, so this bounds memory, not time.
	 */
	private static final int MAX_SENDS = 100_000;

	@RepeatedTest(3)
	void everySendCompletesWhenTheSenderStops() throws Exception {
		try (TestNode receiver = TestNode.start(MDNS_OFF)) {
			TestNode sender = TestNode.start(MDNS_OFF, "tcpnet.discovery.static.peers=" + receiver.seed());
			List<Throwable> failures = sendWhileStopping(sender, receiver, sender);
			assertThat(failures).extracting((failure) -> ((MessageDroppedException) failure).getReason())
				.isSubsetOf(MessageDroppedEvent.Reason.SHUTDOWN, MessageDroppedEvent.Reason.OVERFLOW);
		}
	}

	@RepeatedTest(5)
	void everySendCompletesWhenThePeerLeaves() throws Exception {
		TestNode receiver = TestNode.start(MDNS_OFF);
		try (TestNode sender = TestNode.start(MDNS_OFF, "tcpnet.discovery.static.peers=" + receiver.seed())) {
			List<Throwable> failures = sendWhileStopping(sender, receiver, receiver);
			assertThat(failures).extracting((failure) -> ((MessageDroppedException) failure).getReason())
				.isSubsetOf(MessageDroppedEvent.Reason.LEFT, MessageDroppedEvent.Reason.OVERFLOW);
		}
	}

	/**
	 * Sends from several threads until {@code stopping} has stopped, then waits for every
	 * future.
	 * @return the failures, all {@link MessageDroppedException}s
	 */
	private static List<Throwable> sendWhileStopping(TestNode sender, TestNode receiver, TestNode stopping)
			throws Exception {
		await().until(() -> sender.tcpnet().peer(receiver.id()).isPresent());
		Queue<CompletableFuture<Void>> sent = new ConcurrentLinkedQueue<>();
		AtomicBoolean sending = new AtomicBoolean(true);
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		for (int i = 0; i < THREADS; i++) {
			threads.execute(() -> sendUntilStopped(sender, receiver, sent, sending));
		}
		try {
			await().until(() -> sender.bean(PeerRegistry.class).counters().messagesSent() > 5_000);
			stopping.close();
		}
		finally {
			sending.set(false);
			threads.shutdown();
			assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(sent).allMatch(CompletableFuture::isDone));
		List<Throwable> failures = sent.stream()
			.filter(CompletableFuture::isCompletedExceptionally)
			.map(StopUnderLoadTests::cause)
			.toList();
		assertThat(failures).allSatisfy((failure) -> assertThat(failure).isInstanceOf(MessageDroppedException.class));
		return failures;
	}

	private static void sendUntilStopped(TestNode sender, TestNode receiver, Queue<CompletableFuture<Void>> sent,
			AtomicBoolean sending) {
		for (int n = 0; n < MAX_SENDS && sending.get(); n++) {
			try {
				sent.add(sender.tcpnet().send(receiver.id(), "load", "x"));
			}
			catch (NoSuchPeerException | IllegalStateException ex) {
				// The node stopped: the peer is gone from it.
				return;
			}
		}
	}

	private static Throwable cause(CompletableFuture<Void> future) {
		try {
			future.getNow(null);
			throw new AssertionError("not failed");
		}
		catch (java.util.concurrent.CompletionException ex) {
			return ex.getCause();
		}
	}

}
