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

import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.TcpnetListener;
import dev.tcpnet.TcpnetRequestHandler;
import dev.tcpnet.Topic;
import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.autoconfigure.TcpnetMessagingAutoConfiguration;
import dev.tcpnet.convert.DefaultPayloadConverter;
import dev.tcpnet.convert.PayloadConversionException;
import dev.tcpnet.convert.TcpnetPayloadConverter;
import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.metrics.TcpnetMetrics;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.transport.Envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@code @TcpnetListener} and {@code @TcpnetRequestHandler} methods and the
 * payload converter, as auto-configured: messages are handed to the registry as the mesh
 * hands them.
 */
@ExtendWith(OutputCaptureExtension.class)
class TcpnetMessagingAutoConfigurationTests {

	private static final Peer PEER = new Peer(NodeId.of("sender"), "c", new InetSocketAddress("127.0.0.1", 5000), 5000,
			Direction.INBOUND, Instant.now());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, TcpnetAutoConfiguration.class,
				TcpnetMessagingAutoConfiguration.class))
		.withPropertyValues("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false")
		.withBean(Calls.class);

	@Test
	void listenerReceivesTheConvertedPayloadThePeerAndTheTopicInAnyOrder() {
		this.runner.withUserConfiguration(PriceListeners.class).run((context) -> {
			receive(context, "prices", "{\"symbol\":\"ACME\",\"cents\":1250}");
			await().untilAsserted(() -> assertThat(calls(context)).containsExactlyInAnyOrder(
					"record Price[symbol=ACME, cents=1250]", "peer sender topic prices Price[symbol=ACME, cents=1250]",
					"text {\"symbol\":\"ACME\",\"cents\":1250}", "bytes 30", "peer only sender"));
		});
	}

	@Test
	void severalMethodsOfOneTopicAreCalledInOrderOfRegistrationAndNoEventIsPublished() {
		this.runner.withUserConfiguration(PriceListeners.class).run((context) -> {
			receive(context, "prices", "{\"symbol\":\"A\",\"cents\":1}");
			receive(context, "prices", "{\"symbol\":\"B\",\"cents\":2}");
			await().untilAsserted(() -> assertThat(calls(context)).hasSize(10));
			List<String> records = calls(context).stream().filter((call) -> call.startsWith("record")).toList();
			assertThat(records).containsExactly("record Price[symbol=A, cents=1]", "record Price[symbol=B, cents=2]");
		});
	}

	@Test
	void listenerOfSeveralTopicsIsToldTheTopic() {
		this.runner.withUserConfiguration(TopicsListener.class).run((context) -> {
			receive(context, "a", "one");
			receive(context, "b", "two");
			receive(context, "c", "three");
			await().untilAsserted(() -> assertThat(calls(context)).containsExactly("a:one", "b:two"));
		});
	}

	@Test
	void topicsResolvePlaceholders() {
		this.runner.withUserConfiguration(PlaceholderListener.class)
			.withPropertyValues("app.topic=orders")
			.run((context) -> {
				receive(context, "orders", "x");
				await().untilAsserted(() -> assertThat(calls(context)).containsExactly("orders x"));
			});
	}

	@Test
	void conditionFiltersOnThePayloadThePeerAndBeans() {
		this.runner.withUserConfiguration(ConditionalListener.class).run((context) -> {
			receive(context, "prices", "{\"symbol\":\"ACME\",\"cents\":5}");
			receive(context, "prices", "{\"symbol\":\"ACME\",\"cents\":500}");
			receive(context, "prices", "{\"symbol\":\"OTHER\",\"cents\":900}");
			await().untilAsserted(() -> assertThat(calls(context)).contains("cheap 5", "from sender 500"));
			assertThat(calls(context)).containsExactlyInAnyOrder("cheap 5", "from sender 5", "from sender 500",
					"from sender 900", "acme 5", "acme 500");
		});
	}

	@Test
	void payloadThatCannotBeConvertedIsDroppedForThatListenerAloneCountedAndLogged(CapturedOutput output) {
		this.runner.withUserConfiguration(PriceListeners.class).run((context) -> {
			receive(context, "prices", "not json");
			await().untilAsserted(
					() -> assertThat(calls(context)).contains("text not json", "bytes 8", "peer only sender"));
			DefaultPeerRegistry registry = context.getBean(DefaultPeerRegistry.class);
			await().untilAsserted(
					() -> assertThat(registry.counters().messagesDropped(MessageDroppedEvent.Reason.CONVERSION))
						.isEqualTo(2));
			assertThat(calls(context)).noneMatch((call) -> call.contains("Price"));
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			new TcpnetMetrics(registry, List.of()).bindTo(meters);
			assertThat(meters.get("tcpnet.messages.dropped").tag("reason", "conversion").functionCounter().count())
				.isEqualTo(2);
			assertThat(output).contains("Dropped a message on topic 'prices' from peer sender for ")
				.contains("cannot convert it to " + Price.class.getName());
		});
	}

	@Test
	void listenerOnAProxiedBeanIsCalledThroughTheProxy() {
		this.runner.withUserConfiguration(ProxiedListener.class).run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(AsyncListener.class))).isTrue();
			receive(context, "async", "hello");
			await().untilAsserted(() -> assertThat(calls(context)).singleElement()
				.satisfies((call) -> assertThat(call).startsWith("hello on ").doesNotContain("tcpnet-events")));
		});
	}

	@Test
	void listenerOfABeanMadeAfterTheStartIsRegisteredWhenItIsMade() {
		List<String> published = new CopyOnWriteArrayList<>();
		ApplicationListener<ApplicationEvent> events = (event) -> {
			if (event instanceof PeerMessageEvent message) {
				published.add(message.getTopic());
			}
		};
		this.runner.withUserConfiguration(LateListener.class)
			.withBean("publishedMessages", ApplicationListener.class, () -> events)
			.run((context) -> {
				receive(context, "a", "before");
				// Delivered on the event thread: before the listener exists, as an event.
				await().until(() -> published.contains("a"));
				context.getBean(TopicsListener.class);
				receive(context, "a", "after");
				await().untilAsserted(() -> assertThat(calls(context)).containsExactly("a:after"));
			});
	}

	@Test
	void jsonUsesTheApplicationsJsonMapper() {
		this.runner.run((context) -> {
			TcpnetPayloadConverter converter = context.getBean(TcpnetPayloadConverter.class);
			assertThat(converter).isInstanceOf(DefaultPayloadConverter.class);
			assertThat(new String(converter.toPayload(new Price("A", 1)), StandardCharsets.UTF_8))
				.isEqualTo("{\"symbol\":\"A\",\"cents\":1}");
			assertThat(converter.fromPayload("{\"symbol\":\"A\",\"cents\":1}".getBytes(), Price.class))
				.isEqualTo(new Price("A", 1));
			assertThat(converter.toPayload("text")).isEqualTo("text".getBytes(StandardCharsets.UTF_8));
			assertThat(context.getBean(Mesh.class)).extracting("converter").isSameAs(converter);
		});
	}

	@Test
	void theApplicationsJsonMapperIsAskedForAtTheFirstConversionNotAtStartUp() {
		AtomicInteger built = new AtomicInteger();
		this.runner.withBean("applicationJsonMapper", JsonMapper.class, () -> {
			built.incrementAndGet();
			return JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.UPPER_SNAKE_CASE).build();
		}, (definition) -> definition.setLazyInit(true)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(built).hasValue(0);
			TcpnetPayloadConverter converter = context.getBean(TcpnetPayloadConverter.class);
			assertThat(new String(converter.toPayload(new Price("A", 1)), StandardCharsets.UTF_8))
				.isEqualTo("{\"SYMBOL\":\"A\",\"CENTS\":1}");
			assertThat(converter.fromPayload("{\"SYMBOL\":\"B\",\"CENTS\":2}".getBytes(), Price.class))
				.isEqualTo(new Price("B", 2));
			assertThat(built).hasValue(1);
		});
	}

	@Test
	void withoutJacksonOnlyBytesAndTextConvert() {
		this.runner.withClassLoader(new FilteredClassLoader(JsonMapper.class)).run((context) -> {
			TcpnetPayloadConverter converter = context.getBean(TcpnetPayloadConverter.class);
			assertThat(converter.fromPayload("x".getBytes(), String.class)).isEqualTo("x");
			assertThatExceptionOfType(PayloadConversionException.class)
				.isThrownBy(() -> converter.toPayload(new Price("A", 1)))
				.withMessageContaining("Jackson");
		});
	}

	@Test
	void userConverterTakesPrecedenceForListenersAndSends() {
		this.runner.withUserConfiguration(PriceListeners.class)
			.withBean("customConverter", TcpnetPayloadConverter.class, UpperCaseConverter::new)
			.run((context) -> {
				assertThat(context).getBean(TcpnetPayloadConverter.class).isInstanceOf(UpperCaseConverter.class);
				assertThat(context.getBean(Mesh.class)).extracting("converter").isInstanceOf(UpperCaseConverter.class);
				receive(context, "prices", "abc");
				await().untilAsserted(() -> assertThat(calls(context)).contains("text ABC"));
			});
	}

	@Test
	void twoAnnotatedHandlersOfOneTopicFailTheStartNamingBoth() {
		this.runner.withBean("quoteHandler", QuoteHandler.class)
			.withBean("otherQuoteHandler", OtherQuoteHandler.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Two request handlers for topic 'quote'")
				.hasMessageContaining("bean 'quoteHandler'")
				.hasMessageContaining("bean 'otherQuoteHandler'"));
	}

	@Test
	void anAnnotatedHandlerAndAHandlerBeanOfOneTopicFailTheStartNamingBoth() {
		this.runner.withBean("quoteHandler", QuoteHandler.class)
			.withBean("quoteBean", RequestHandler.class, () -> handler("quote"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Two request handlers for topic 'quote'")
				.hasMessageContaining("bean 'quoteHandler'")
				.hasMessageContaining("bean 'quoteBean'"));
	}

	@Test
	void twoHandlerBeansOfOneTopicFailTheStartNamingBoth() {
		this.runner.withBean("first", RequestHandler.class, () -> handler("quote"))
			.withBean("second", RequestHandler.class, () -> handler("quote"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Two request handlers for topic 'quote': bean 'first' and bean 'second'"));
	}

	@Test
	void aMethodWithTwoPayloadParametersFailsTheStart() {
		this.runner.withUserConfiguration(AmbiguousListener.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("AmbiguousListener.on")
				.hasMessageContaining("two payload parameters"));
	}

	@Test
	void aMethodWithoutATopicFailsTheStart() {
		this.runner.withUserConfiguration(NoTopicListener.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("names no topic"));
	}

	@Test
	void aCustomPostProcessorTakesPrecedence() {
		this.runner.withBean("myProcessor", TcpnetAnnotationBeanPostProcessor.class)
			.run((context) -> assertThat(context).hasSingleBean(TcpnetAnnotationBeanPostProcessor.class)
				.hasBean("myProcessor"));
	}

	@Test
	void disabledTcpnetRegistersNothing() {
		this.runner.withPropertyValues("tcpnet.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TcpnetAnnotationBeanPostProcessor.class)
				.doesNotHaveBean(TcpnetPayloadConverter.class));
	}

	private static void receive(AssertableApplicationContext context, String topic, String payload) {
		context.getBean(DefaultPeerRegistry.class)
			.messagesReceived(PEER, List
				.of(new Envelope(1, Envelope.Kind.MESSAGE, 0, topic, payload.getBytes(StandardCharsets.UTF_8))));
	}

	private static List<String> calls(AssertableApplicationContext context) {
		return List.copyOf(context.getBean(Calls.class).calls);
	}

	private static RequestHandler handler(String topic) {
		return new RequestHandler() {

			@Override
			public String topic() {
				return topic;
			}

			@Override
			public byte[] handle(Peer from, byte[] payload) {
				return payload;
			}

		};
	}

	record Price(String symbol, long cents) {
	}

	static class Calls {

		final List<String> calls = new CopyOnWriteArrayList<>();

		void add(String call) {
			this.calls.add(call);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PriceListeners {

		private final Calls calls;

		PriceListeners(Calls calls) {
			this.calls = calls;
		}

		@TcpnetListener("prices")
		void typed(Price price) {
			this.calls.add("record " + price);
		}

		@TcpnetListener("prices")
		void all(Peer from, @Topic String topic, Price price) {
			this.calls.add("peer " + from.nodeId() + " topic " + topic + " " + price);
		}

		@TcpnetListener(topics = "prices")
		void text(String text) {
			this.calls.add("text " + text);
		}

		@TcpnetListener("prices")
		void bytes(byte[] payload) {
			this.calls.add("bytes " + payload.length);
		}

		@TcpnetListener("prices")
		void peerOnly(Peer from) {
			this.calls.add("peer only " + from.nodeId());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TopicsListener {

		private final Calls calls;

		TopicsListener(Calls calls) {
			this.calls = calls;
		}

		@TcpnetListener({ "a", "b" })
		void on(String text, @Topic String topic) {
			this.calls.add(topic + ":" + text);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LateListener {

		@Bean
		@Lazy
		TopicsListener lateTopicsListener(Calls calls) {
			return new TopicsListener(calls);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlaceholderListener {

		private final Calls calls;

		PlaceholderListener(Calls calls) {
			this.calls = calls;
		}

		@TcpnetListener("${app.topic}")
		void on(@Topic String topic, String text) {
			this.calls.add(topic + " " + text);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConditionalListener {

		private final Calls calls;

		ConditionalListener(Calls calls) {
			this.calls = calls;
		}

		@Bean
		Set<String> watchedSymbols() {
			return Set.of("ACME");
		}

		@TcpnetListener(topics = "prices", condition = "#payload.cents() < 100")
		void cheap(Price price) {
			this.calls.add("cheap " + price.cents());
		}

		@TcpnetListener(topics = "prices", condition = "#peer.nodeId().value() == 'sender' and #topic == 'prices'")
		void fromSender(Price price) {
			this.calls.add("from sender " + price.cents());
		}

		@TcpnetListener(topics = "prices", condition = "@watchedSymbols.contains(#payload.symbol())")
		void acme(Price price) {
			this.calls.add("acme " + price.cents());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class ProxiedListener {

		@Bean
		AsyncListener asyncListener(Calls calls) {
			return new AsyncListener(calls);
		}

	}

	static class AsyncListener {

		private final Calls calls;

		AsyncListener(Calls calls) {
			this.calls = calls;
		}

		@Async
		@TcpnetListener("async")
		void on(String text) {
			this.calls.add(text + " on " + Thread.currentThread().getName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QuoteHandler {

		@TcpnetRequestHandler("quote")
		String quote(String request) {
			return request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherQuoteHandler {

		@TcpnetRequestHandler("quote")
		String quote(String request) {
			return request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AmbiguousListener {

		@TcpnetListener("prices")
		void on(String one, String two) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoTopicListener {

		@TcpnetListener
		void on(String text) {
		}

	}

	static class UpperCaseConverter implements TcpnetPayloadConverter {

		@Override
		public byte[] toPayload(Object value) {
			return value.toString().toUpperCase().getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public @Nullable Object fromPayload(byte[] payload, Type type) {
			return new String(payload, StandardCharsets.UTF_8).toUpperCase();
		}

	}

}
