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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.support.NumberedMessages;
import dev.tcpnet.support.TestCertificates;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes under load in both directions at once, over real sockets: each streams
 * messages to the other while several threads of each make requests of the other,
 * answered both on the network threads and on the request threads. Every message arrives
 * once and in order, every request gets its own answer, and nothing fails; also when the
 * connection is reset again and again meanwhile.
 */
class TwoWayLoadTests {

	private static final int MESSAGES = 50_000;

	private static final int WINDOW = 500;

	private static final int REQUESTERS = 4;

	private static final int REQUESTS = 500;

	private static final Class<?>[] BEANS = { Receiver.class };

	private static final String MDNS_OFF = "tcpnet.discovery.mdns.enabled=false";

	@Test
	void messagesAndRequestsCrossInBothDirections() throws Exception {
		try (TestNode a = TestNode.startWith(BEANS, MDNS_OFF);
				TestNode b = TestNode.startWith(BEANS, MDNS_OFF, "tcpnet.discovery.static.peers=" + a.seed())) {
			load(a, b, () -> {
			});
		}
	}

	@Test
	void resetsMidLoadLoseNothingAndDuplicateNothing() throws Exception {
		try (TestNode a = TestNode.startWith(BEANS, MDNS_OFF);
				Relay relay = new Relay(a.port());
				TestNode b = TestNode.startWith(BEANS, MDNS_OFF,
						"tcpnet.discovery.static.peers=127.0.0.1:" + relay.port())) {
			AtomicInteger resets = new AtomicInteger();
			load(a, b, () -> {
				LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
				relay.reset();
				resets.incrementAndGet();
			});
			assertThat(resets).hasPositiveValue();
			assertThat(b.disconnects()).isNotEmpty();
		}
	}

	@Test
	void resetsMidLoadOverTlsLoseNothingAndDuplicateNothing(@TempDir Path dir) throws Exception {
		TestCertificates authority = TestCertificates.authority("cluster-ca");
		Path trust = authority.writeCertificate(dir);
		String[] tlsA = authority.issue(dir, "node-a").bundle(trust);
		String[] tlsB = authority.issue(dir, "node-b").bundle(trust);
		try (TestNode a = TestNode.startWith(BEANS, with(tlsA, MDNS_OFF));
				Relay relay = new Relay(a.port());
				TestNode b = TestNode.startWith(BEANS,
						with(tlsB, MDNS_OFF, "tcpnet.discovery.static.peers=127.0.0.1:" + relay.port()))) {
			load(a, b, () -> {
				LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
				relay.reset();
			});
			assertThat(b.disconnects()).isNotEmpty();
		}
	}

	private static String[] with(String[] properties, String... more) {
		return Stream.concat(Stream.of(properties), Stream.of(more)).toArray(String[]::new);
	}

	/**
	 * Streams and requests both ways, running {@code meanwhile} over and over until done,
	 * then checks that everything arrived.
	 */
	private static void load(TestNode a, TestNode b, Runnable meanwhile) throws Exception {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> a.tcpnet().peer(b.id()).isPresent() && b.tcpnet().peer(a.id()).isPresent());
		ExecutorService threads = Executors.newFixedThreadPool(2 + 2 * REQUESTERS);
		List<CompletableFuture<Void>> load = new ArrayList<>();
		load.add(CompletableFuture.runAsync(() -> NumberedMessages.send(a, b, MESSAGES, WINDOW), threads));
		load.add(CompletableFuture.runAsync(() -> NumberedMessages.send(b, a, MESSAGES, WINDOW), threads));
		List<String> wrongAnswers = new CopyOnWriteArrayList<>();
		for (int thread = 0; thread < REQUESTERS; thread++) {
			String topic = (thread % 2 == 0) ? "echo-inline" : "echo-blocking";
			load.add(CompletableFuture.runAsync(() -> ask(a, b, topic, wrongAnswers), threads));
			load.add(CompletableFuture.runAsync(() -> ask(b, a, topic, wrongAnswers), threads));
		}
		CompletableFuture<Void> all = CompletableFuture.allOf(load.toArray(CompletableFuture[]::new));
		try {
			long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			while (!all.isDone() && System.nanoTime() - deadline < 0) {
				meanwhile.run();
				LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
			}
			all.get(1, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(wrongAnswers).isEmpty();
		NumberedMessages.awaitAll(b, a, MESSAGES);
		NumberedMessages.awaitAll(a, b, MESSAGES);
	}

	private static void ask(TestNode from, TestNode to, String topic, List<String> wrongAnswers) {
		for (int i = 0; i < REQUESTS; i++) {
			String question = from.id().value() + "-" + Thread.currentThread().getId() + "-" + i;
			byte[] answer = from.tcpnet().request(to.id(), topic, question.getBytes(), Duration.ofSeconds(30)).join();
			if (!new String(answer).equals(question)) {
				wrongAnswers.add(question + " answered " + new String(answer));
			}
		}
	}

	/** Receives the numbered messages, and echoes requests on both kinds of thread. */
	@Configuration(proxyBeanMethods = false)
	static class Receiver extends NumberedMessages {

		@Bean
		RequestHandler echoInline() {
			return echo("echo-inline", true);
		}

		@Bean
		RequestHandler echoBlocking() {
			return echo("echo-blocking", false);
		}

		private static RequestHandler echo(String topic, boolean nonBlocking) {
			return new RequestHandler() {

				@Override
				public String topic() {
					return topic;
				}

				@Override
				public byte[] handle(Peer from, byte[] payload) {
					return payload;
				}

				@Override
				public boolean isNonBlocking() {
					return nonBlocking;
				}

			};
		}

	}

}
