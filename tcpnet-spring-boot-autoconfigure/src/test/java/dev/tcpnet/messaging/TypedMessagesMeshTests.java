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

package dev.tcpnet.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;

import dev.tcpnet.Broadcast;
import dev.tcpnet.RequestFailedException;
import dev.tcpnet.TcpnetListener;
import dev.tcpnet.TcpnetRequestHandler;
import dev.tcpnet.Topic;
import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Two real nodes over real sockets (static discovery on 127.0.0.1) exchange records as
 * JSON through annotated listeners and handlers.
 */
class TypedMessagesMeshTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<TestNode> nodes = new ArrayList<>();

	private TestNode a;

	private TestNode b;

	@BeforeEach
	void startTwoNodes() {
		this.a = start();
		this.b = start("tcpnet.discovery.static.peers=" + this.a.seed(),
				"tcpnet.discovery.static.refresh-interval=200ms");
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(this.a.tcpnet().peers()).hasSize(1);
			assertThat(this.b.tcpnet().peers()).hasSize(1);
		});
	}

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void recordsTravelBothWaysToAnnotatedListeners() throws Exception {
		this.a.tcpnet().send(this.b.id(), "trades", new Trade("ACME", 3)).get(10, TimeUnit.SECONDS);
		this.b.tcpnet().send(this.a.id().value(), "trades", new Trade("XYZ", 4)).get(10, TimeUnit.SECONDS);
		Broadcast broadcast = this.a.tcpnet().broadcast("trades", new Trade("ALL", 5));
		assertThat(broadcast.nodeIds()).containsExactly(this.b.id());
		broadcast.acknowledged().get(10, TimeUnit.SECONDS);
		await().untilAsserted(() -> {
			assertThat(trades(this.b)).containsExactly(this.a.id() + " trades Trade[symbol=ACME, quantity=3]",
					this.a.id() + " trades Trade[symbol=ALL, quantity=5]");
			assertThat(trades(this.a)).containsExactly(this.b.id() + " trades Trade[symbol=XYZ, quantity=4]");
		});
	}

	@Test
	void headersReachAnnotatedListenersAndHandlersThatAskForThem() throws Exception {
		Headers headers = Headers.builder().set("desk", "fx").build();
		this.a.tcpnet()
			.send(this.b.id(), "tagged", "{}".getBytes(StandardCharsets.UTF_8), headers)
			.get(10, TimeUnit.SECONDS);
		await().untilAsserted(() -> assertThat(this.b.bean(NodeBeans.class).desks).containsExactly("fx"));
		byte[] reply = this.a.tcpnet()
			.request(this.b.id(), "desk", new byte[0], headers, TIMEOUT)
			.get(10, TimeUnit.SECONDS);
		assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("desk fx");
	}

	@Test
	void typedRequestIsAnsweredByAnAsynchronousHandler() throws Exception {
		Quote quote = this.a.tcpnet()
			.request(this.b.id(), "quote", new QuoteRequest("ACME", 2), Quote.class, TIMEOUT)
			.get(10, TimeUnit.SECONDS);
		assertThat(quote).isEqualTo(new Quote("ACME", 84, this.a.id().value()));
		Quote back = this.b.tcpnet()
			.request(this.a.id().value(), "quote", new QuoteRequest("XYZ", 1), Quote.class, TIMEOUT)
			.get(10, TimeUnit.SECONDS);
		assertThat(back).isEqualTo(new Quote("XYZ", 42, this.b.id().value()));
	}

	@Test
	void handlerThatReturnsNothingRepliesNull() throws Exception {
		assertThat(this.a.tcpnet().request(this.b.id(), "nothing", "x", Void.class, TIMEOUT).get(10, TimeUnit.SECONDS))
			.isNull();
	}

	@Test
	void exceptionOfAHandlerReachesTheRequesterWithItsTypeAndMessage() {
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.a.tcpnet()
				.request(this.b.id(), "fail", "NOPE", String.class, TIMEOUT)
				.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOfSatisfying(RequestFailedException.class, (ex) -> {
				assertThat(ex.getMessage()).isEqualTo("no such symbol: NOPE");
				assertThat(ex.getRemoteType()).isEqualTo(IllegalArgumentException.class.getName());
			});
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.a.tcpnet()
				.request(this.b.id(), "fail-later", "x", String.class, TIMEOUT)
				.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOfSatisfying(RequestFailedException.class, (ex) -> {
				assertThat(ex.getMessage()).isEqualTo("later: x");
				assertThat(ex.getRemoteType()).isEqualTo(IllegalStateException.class.getName());
			});
	}

	@Test
	void requestWithoutAHandlerFailsWithoutARemoteType() {
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.a.tcpnet()
				.request(this.b.id(), "unknown", "x", String.class, TIMEOUT)
				.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOfSatisfying(RequestFailedException.class, (ex) -> {
				assertThat(ex.getMessage()).contains("No handler for topic 'unknown'");
				assertThat(ex.getRemoteType()).isNull();
			});
	}

	private static List<String> trades(TestNode node) {
		return List.copyOf(node.bean(NodeBeans.class).trades);
	}

	private TestNode start(String... properties) {
		List<String> all = new ArrayList<>(List.of("tcpnet.discovery.mdns.enabled=false"));
		all.addAll(List.of(properties));
		TestNode node = TestNode.startWith(new Class<?>[] { NodeBeans.class }, all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

	record Trade(String symbol, int quantity) {
	}

	record QuoteRequest(String symbol, int quantity) {
	}

	record Quote(String symbol, long cents, String quotedFor) {
	}

	@Configuration(proxyBeanMethods = false)
	static class NodeBeans {

		final List<String> trades = new CopyOnWriteArrayList<>();

		final List<String> desks = new CopyOnWriteArrayList<>();

		@TcpnetListener(topics = "tagged", condition = "#headers.getString('desk') != null")
		void tagged(Headers headers, Peer from) {
			this.desks.add(headers.getString("desk"));
		}

		@TcpnetRequestHandler("desk")
		String desk(Headers headers) {
			return "desk " + headers.getString("desk");
		}

		@TcpnetListener("trades")
		void trade(Peer from, @Topic String topic, Trade trade) {
			this.trades.add(from.nodeId() + " " + topic + " " + trade);
		}

		@TcpnetRequestHandler("quote")
		CompletableFuture<Quote> quote(QuoteRequest request, Peer from) {
			return CompletableFuture
				.supplyAsync(() -> new Quote(request.symbol(), 42L * request.quantity(), from.nodeId().value()));
		}

		@TcpnetRequestHandler("nothing")
		void nothing(String request) {
		}

		@TcpnetRequestHandler("fail")
		String fail(String symbol) {
			throw new IllegalArgumentException("no such symbol: " + symbol);
		}

		@TcpnetRequestHandler("fail-later")
		CompletableFuture<String> failLater(String request) {
			return CompletableFuture.failedFuture(new IllegalStateException("later: " + request));
		}

	}

}
