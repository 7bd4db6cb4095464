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

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.TopicListener;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where a node runs the application's code, over real sockets: request handlers that may
 * block on the request executor, listeners on the event thread, both virtual with
 * {@code spring.threads.virtual.enabled=true}, and never on a network thread.
 */
class NodeThreadsTests {

	private static final String MDNS_OFF = "tcpnet.discovery.mdns.enabled=false";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void handlersRunOnTheRequestPoolAndListenersOnTheEventThread() throws Exception {
		Map<String, Thread> threads = exchange();
		assertThat(threads.get("request").getName()).startsWith("tcpnet-requests-");
		assertThat(threads.get("listener").getName()).startsWith("tcpnet-events");
		assertThat(threads.values()).noneMatch(NodeThreadsTests::isVirtual);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void withVirtualThreadsEnabledHandlersAndListenersRunOnVirtualThreads() throws Exception {
		Map<String, Thread> threads = exchange("spring.threads.virtual.enabled=true");
		assertThat(threads.get("request").getName()).startsWith("tcpnet-requests-");
		assertThat(threads.get("listener").getName()).startsWith("tcpnet-events-");
		assertThat(threads.values()).allMatch(NodeThreadsTests::isVirtual);
	}

	@Test
	void aRequestExecutorBeanOfTheApplicationRunsTheHandlers() throws Exception {
		Map<String, Thread> threads = exchange(new Class<?>[] { Recording.class, OwnExecutor.class });
		assertThat(threads.get("request").getName()).startsWith("own-requests-");
	}

	private static Map<String, Thread> exchange(String... properties) throws Exception {
		return exchange(new Class<?>[] { Recording.class }, properties);
	}

	/**
	 * Starts a node with a recording handler and listener, asks it a request and sends it
	 * a message from a second node.
	 */
	private static Map<String, Thread> exchange(Class<?>[] configuration, String... properties) throws Exception {
		Recording.threads.clear();
		String[] all = new String[properties.length + 1];
		all[0] = MDNS_OFF;
		System.arraycopy(properties, 0, all, 1, properties.length);
		try (TestNode answering = TestNode.startWith(configuration, all);
				TestNode asking = TestNode.start(MDNS_OFF, "tcpnet.discovery.static.peers=" + answering.seed())) {
			await().until(() -> asking.tcpnet().peer(answering.id()).isPresent());
			byte[] reply = asking.tcpnet()
				.request(answering.id(), "echo", "hi".getBytes(), TIMEOUT)
				.get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
			assertThat(reply).asString().isEqualTo("hi");
			asking.tcpnet().send(answering.id(), "news", "x".getBytes());
			await().until(() -> Recording.threads.containsKey("listener"));
			return Map.copyOf(Recording.threads);
		}
	}

	// Thread.isVirtual() is Java 21 API; the build compiles for Java 17.
	private static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Recording {

		static final Map<String, Thread> threads = new ConcurrentHashMap<>();

		@Bean
		RequestHandler echo() {
			return new RequestHandler() {

				@Override
				public String topic() {
					return "echo";
				}

				@Override
				public byte[] handle(Peer from, byte[] payload) {
					threads.put("request", Thread.currentThread());
					return payload;
				}

			};
		}

		@Bean
		TopicListener news() {
			return new TopicListener() {

				@Override
				public String topic() {
					return "news";
				}

				@Override
				public void onMessage(Peer from, byte[] payload) {
					threads.put("listener", Thread.currentThread());
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnExecutor {

		@Bean
		Executor tcpnetRequestExecutor() {
			return new SimpleAsyncTaskExecutor("own-requests-");
		}

	}

}
