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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.peer.Peer;
import dev.tcpnet.support.NumberedMessages;
import dev.tcpnet.support.TestCertificates;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener slower than the network, over real sockets: several senders keep more
 * messages in flight than the listener's backlog allows, so reads from them pause and
 * resume many times. Every message still arrives, once, in each sender's order, and no
 * send fails; in plaintext and over TLS.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlowListenerTests {

	private static final int SENDERS = 3;

	private static final int MESSAGES = 30_000;

	private static final int WINDOW = 10_000;

	@Test
	void everyMessageArrivesInOrderWhileReadsPauseAndResume(CapturedOutput output) throws Exception {
		outrunSlowListener((node) -> new String[0], output);
	}

	@Test
	void readsPauseAndResumeOverTlsToo(@TempDir Path dir, CapturedOutput output) throws Exception {
		TestCertificates authority = TestCertificates.authority("cluster-ca");
		Path trust = authority.writeCertificate(dir);
		outrunSlowListener((node) -> authority.issue(dir, "node-" + node).bundle(trust), output);
	}

	/**
	 * Starts the receiver (node 0) and the senders (1 to {@link #SENDERS}), each with its
	 * own {@code settings} besides the common ones, and sends from all at once.
	 */
	private static void outrunSlowListener(IntFunction<String[]> settings, CapturedOutput output) throws Exception {
		List<String> common = List.of("tcpnet.discovery.mdns.enabled=false", "tcpnet.delivery.buffer-max=" + WINDOW);
		List<String> receiving = new ArrayList<>(common);
		receiving.add("logging.level.dev.tcpnet.mesh.Mesh=debug");
		receiving.addAll(List.of(settings.apply(0)));
		List<TestNode> senders = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(SENDERS);
		try (TestNode receiver = TestNode.startWith(new Class<?>[] { Slow.class }, receiving.toArray(String[]::new))) {
			for (int node = 1; node <= SENDERS; node++) {
				List<String> sending = new ArrayList<>(common);
				sending.add("tcpnet.discovery.static.peers=" + receiver.seed());
				sending.addAll(List.of(settings.apply(node)));
				senders.add(TestNode.start(sending.toArray(String[]::new)));
			}
			for (TestNode sender : senders) {
				await().atMost(Duration.ofSeconds(30)).until(() -> sender.tcpnet().peer(receiver.id()).isPresent());
			}
			List<CompletableFuture<Void>> sending = senders.stream()
				.map((sender) -> CompletableFuture
					.runAsync(() -> NumberedMessages.send(sender, receiver, MESSAGES, WINDOW), threads))
				.toList();
			CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
			for (TestNode sender : senders) {
				NumberedMessages.awaitAll(receiver, sender, MESSAGES);
			}
			assertThat(output).contains("pausing reads from");
		}
		finally {
			threads.shutdownNow();
			senders.forEach(TestNode::close);
		}
	}

	/** Takes a break of a millisecond every 200 messages: far slower than the network. */
	static class Slow extends NumberedMessages {

		private long received;

		@Override
		public void onMessage(Peer from, byte[] payload) {
			super.onMessage(from, payload);
			if (++this.received % 200 == 0) {
				LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
			}
		}

	}

}
