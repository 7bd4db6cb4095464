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

package dev.tcpnet.aot;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import dev.tcpnet.TcpnetListener;
import dev.tcpnet.TcpnetRequestHandler;
import dev.tcpnet.Topic;
import dev.tcpnet.actuate.TcpnetEndpoint;
import dev.tcpnet.peer.Peer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints registered in {@code META-INF/spring/aot.factories}, as Spring's AOT
 * processing loads them, cover what tcpnet does reflectively.
 */
class TcpnetRuntimeHintsTests {

	private final RuntimeHints hints = registered();

	@Test
	void theJndiDnsContextFactoryCanBeCreatedByName() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("com.sun.jndi.dns.DnsContextFactory"))
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(this.hints);
	}

	@Test
	void nettyCanIntrospectEveryHandlerOfThePipeline() {
		for (String handler : List.of("TcpnetChannelInitializer", "FrameDecoder", "FrameCodec", "HandshakeHandler",
				"ConnectionHandler", "HeartbeatHandler", "WriteStallHandler", "ErrorHandler")) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(TypeReference.of("dev.tcpnet.transport.netty." + handler))
				.withMemberCategory(MemberCategory.INTROSPECT_PUBLIC_METHODS)).accepts(this.hints);
		}
	}

	@Test
	void jacksonCanWriteTheEndpointDescriptors() {
		assertThat(
				RuntimeHintsPredicates.reflection().onMethodInvocation(TcpnetEndpoint.NodeDescriptor.class, "nodeId"))
			.accepts(this.hints);
		assertThat(
				RuntimeHintsPredicates.reflection().onMethodInvocation(TcpnetEndpoint.PeerDescriptor.class, "address"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(TcpnetEndpoint.Totals.class, "messagesIn"))
			.accepts(this.hints);
	}

	@Test
	void annotatedListenerAndHandlerMethodsCanBeInvokedAndTheirPayloadsBound() {
		RuntimeHints hints = new RuntimeHints();
		// What Spring's AOT processing does for each bean class.
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, Listeners.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listeners.class, "price")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listeners.class, "quote")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Price.class, "cents")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Quote.class, "symbol")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Peer.class)).rejects(hints);
	}

	private static RuntimeHints registered() {
		RuntimeHints hints = new RuntimeHints();
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader
			.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);
		registrars.stream()
			.filter((registrar) -> registrar.getClass().getName().startsWith("dev.tcpnet."))
			.forEach((registrar) -> registrar.registerHints(hints, TcpnetRuntimeHintsTests.class.getClassLoader()));
		return hints;
	}

	record Price(String symbol, long cents) {
	}

	record Quote(String symbol, long cents) {
	}

	static class Listeners {

		@TcpnetListener("prices")
		void price(Price price, Peer from) {
		}

		@TcpnetRequestHandler("quote")
		CompletableFuture<Quote> quote(@Topic String topic, String symbol) {
			return CompletableFuture.completedFuture(new Quote(symbol, 1));
		}

	}

}
