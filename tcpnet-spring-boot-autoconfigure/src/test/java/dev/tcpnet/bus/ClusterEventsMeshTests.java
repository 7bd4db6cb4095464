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

package dev.tcpnet.bus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real nodes over real sockets (static discovery on 127.0.0.1) in one JVM, each its own
 * application context: records published with the context's
 * {@code ApplicationEventPublisher} reach the {@code @EventListener}s of every peer.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterEventsMeshTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final List<TestNode> nodes = new ArrayList<>();

	private TestNode a;

	private TestNode b;

	private TestNode c;

	@BeforeEach
	void startThreeNodes() {
		this.a = start();
		this.b = start("tcpnet.discovery.static.peers=" + this.a.seed());
		this.c = start("tcpnet.discovery.static.peers=" + this.a.seed() + "," + this.b.seed());
		awaitMesh(this.a, this.b, this.c);
	}

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void eventsReachEveryPeerOnceAndInOrderWhileANodeJoins() {
		publish(this.a, 0, 100);
		TestNode d = start(
				"tcpnet.discovery.static.peers=" + this.a.seed() + "," + this.b.seed() + "," + this.c.seed());
		publish(this.a, 100, 200);
		awaitMesh(this.a, this.b, this.c, d);
		publish(this.a, 200, 210);
		List<String> all = numbered(0, 210, this.a);
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(remote(this.b)).containsExactlyElementsOf(all);
			assertThat(remote(this.c)).containsExactlyElementsOf(all);
			assertThat(received(this.b)).containsExactlyElementsOf(all);
			assertThat(received(this.c)).containsExactlyElementsOf(all);
			assertThat(remote(d)).endsWith(numbered(200, 210, this.a).toArray(String[]::new));
		});
		// The local listeners got each once, as Spring delivers it, and nothing came
		// back.
		assertThat(local(this.a)).containsExactlyElementsOf(all);
		assertThat(received(this.a)).containsExactlyElementsOf(all);
		assertThat(remote(this.a)).isEmpty();
		// The joining node saw a run of the latest events, from whenever it connected.
		List<String> joined = remote(d);
		int first = all.indexOf(joined.get(0));
		assertThat(joined).containsExactlyElementsOf(all.subList(first, all.size()));
		// No receiver sent an event on: each would have reached the others with itself as
		// the origin.
		for (TestNode node : List.of(this.b, this.c, d)) {
			assertThat(local(node)).isEmpty();
			assertThat(node.bean(EventBeans.class).origins).containsOnly(this.a.id().value());
		}
	}

	@Test
	void eventsOfUnmarkedTypesStayOnTheNode() {
		this.a.context().publishEvent(new Unmarked("stays"));
		publish(this.a, 0, 1);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(remote(this.b)).hasSize(1));
		assertThat(this.b.bean(EventBeans.class).unmarked).isEmpty();
		assertThat(this.a.bean(EventBeans.class).unmarked).containsExactly("stays");
	}

	@Test
	void eventOfATypeTheReceiverDoesNotHaveIsDroppedCountedAndWarnedOnce(CapturedOutput output) {
		DefaultPeerRegistry registry = this.a.bean(DefaultPeerRegistry.class);
		sendRaw(this.b, "com.example.NotOnTheClassPath\n{}");
		sendRaw(this.b, "com.example.NotOnTheClassPath\n{}");
		sendRaw(this.b, Unmarked.class.getName() + "\n{\"text\":\"x\"}");
		sendRaw(this.b, "java.lang.Runtime\n{}");
		sendRaw(this.b, "no type name at all");
		sendRaw(this.b, Numbered.class.getName() + "\nnot json");
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(registry.counters().messagesDropped(MessageDroppedEvent.Reason.UNKNOWN_EVENT)).isEqualTo(5);
			assertThat(registry.counters().messagesDropped(MessageDroppedEvent.Reason.CONVERSION)).isEqualTo(1);
		});
		// One line per receiving node (a and c share this JVM's output), however often
		// the type comes.
		assertThat(warnings(output, "com.example.NotOnTheClassPath")).hasSize(2)
			.allMatch((line) -> line.endsWith("com.example.NotOnTheClassPath is not on this node's class path"));
		assertThat(warnings(output, Unmarked.class.getName())).hasSize(2)
			.allMatch((line) -> line.contains("is not marked @ClusterEvent"));
		assertThat(warnings(output, "java.lang.Runtime")).hasSize(2);
		assertThat(this.a.bean(EventBeans.class).unmarked).isEmpty();
		assertThat(remote(this.a)).isEmpty();
		// The node goes on: a good event after the bad ones arrives.
		publish(this.b, 0, 1);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(remote(this.a)).containsExactly(this.b.id() + ":0"));
	}

	private static List<String> warnings(CapturedOutput output, String typeName) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains(" WARN ") && line.contains("Dropped a cluster event of type " + typeName))
			.toList();
	}

	private static void sendRaw(TestNode from, String payload) {
		from.tcpnet().broadcast(ClusterEvents.TOPIC, payload.getBytes(StandardCharsets.UTF_8));
	}

	private static void publish(TestNode node, int from, int to) {
		for (int i = from; i < to; i++) {
			node.context().publishEvent(new Numbered(node.id().value(), i));
		}
	}

	private static List<String> numbered(int from, int to, TestNode sender) {
		return IntStream.range(from, to).mapToObj((i) -> sender.id() + ":" + i).toList();
	}

	private static List<String> remote(TestNode node) {
		return List.copyOf(node.bean(EventBeans.class).remote);
	}

	private static List<String> received(TestNode node) {
		return List.copyOf(node.bean(EventBeans.class).received);
	}

	private static List<String> local(TestNode node) {
		return List.copyOf(node.bean(EventBeans.class).local);
	}

	private static void awaitMesh(TestNode... nodes) {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			for (TestNode node : nodes) {
				assertThat(node.tcpnet().peers()).hasSize(nodes.length - 1);
			}
		});
	}

	private TestNode start(String... properties) {
		List<String> all = new ArrayList<>(
				List.of("tcpnet.discovery.mdns.enabled=false", "tcpnet.discovery.static.refresh-interval=200ms"));
		all.addAll(List.of(properties));
		TestNode node = TestNode.startWith(new Class<?>[] { EventBeans.class }, all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

	@ClusterEvent
	record Numbered(String sender, int n) {
	}

	record Unmarked(String text) {
	}

	@Configuration(proxyBeanMethods = false)
	static class EventBeans {

		final List<String> received = new CopyOnWriteArrayList<>();

		final List<String> local = new CopyOnWriteArrayList<>();

		final List<String> remote = new CopyOnWriteArrayList<>();

		final List<String> origins = new CopyOnWriteArrayList<>();

		final List<String> unmarked = new CopyOnWriteArrayList<>();

		// A listener of the record itself, as the application has it today.
		@EventListener
		void on(Numbered event) {
			this.received.add(event.sender() + ":" + event.n());
		}

		// The wrapping event tells where it came from.
		@EventListener
		void onEvent(PayloadApplicationEvent<Numbered> event) {
			Numbered numbered = event.getPayload();
			String entry = numbered.sender() + ":" + numbered.n();
			if (ClusterEvents.isRemote(event)) {
				this.remote.add(entry);
				ClusterEvents.origin(event).ifPresent((origin) -> this.origins.add(origin.value()));
			}
			else {
				this.local.add(entry);
			}
		}

		@EventListener
		void on(Unmarked event) {
			this.unmarked.add(event.text());
		}

	}

}
