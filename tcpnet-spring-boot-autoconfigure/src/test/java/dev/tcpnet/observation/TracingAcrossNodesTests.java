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

package dev.tcpnet.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.TopicListener;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Trace context across two nodes over real sockets: each node has its own tracer, so the
 * only way a span on the receiving node can continue the sender's trace is the headers
 * that travelled with the message or request.
 */
class TracingAcrossNodesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void theListenerAndTheHandlerRunInChildSpansOfTheSendersSpans() throws Exception {
		try (TestNode sender = TestNode.startWith(new Class<?>[] { Tracing.class },
				"tcpnet.discovery.mdns.enabled=false");
				TestNode receiver = TestNode.startWith(new Class<?>[] { Tracing.class, Receiving.class },
						"tcpnet.discovery.mdns.enabled=false", "tcpnet.discovery.static.peers=" + sender.seed())) {
			await().atMost(TIMEOUT).until(() -> sender.tcpnet().peer(receiver.id()).isPresent());
			ObservationRegistry registry = sender.bean(ObservationRegistry.class);
			Observation.createNotStarted("test.message", registry)
				.observe(() -> join(
						sender.tcpnet().send(receiver.id(), "traced", "hello").orTimeout(30, TimeUnit.SECONDS)));
			Observation.createNotStarted("test.request", registry)
				.observe(() -> join(sender.tcpnet()
					.request(receiver.id(), "asked", new byte[0], TIMEOUT)
					.orTimeout(30, TimeUnit.SECONDS)));
			SimpleTracer senderTracer = sender.bean(SimpleTracer.class);
			Receiving receiving = receiver.bean(Receiving.class);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiving.spans).hasSize(2));

			SimpleSpan messageRoot = span(senderTracer, "test.message");
			SimpleSpan send = span(senderTracer, "traced send");
			assertThat(send.getParentId()).isEqualTo(messageRoot.getSpanId());
			Span listened = receiving.spans.get(0);
			assertThat(listened.context().traceId()).isEqualTo(messageRoot.getTraceId());
			assertThat(listened.context().parentId()).isEqualTo(send.getSpanId());

			SimpleSpan requestRoot = span(senderTracer, "test.request");
			SimpleSpan request = span(senderTracer, "asked request");
			assertThat(request.getParentId()).isEqualTo(requestRoot.getSpanId());
			Span handled = receiving.spans.get(1);
			assertThat(handled.context().traceId()).isEqualTo(requestRoot.getTraceId());
			assertThat(handled.context().parentId()).isEqualTo(request.getSpanId());
			assertThat(requestRoot.getTraceId()).isNotEqualTo(messageRoot.getTraceId());

			// The receiving node's own spans, ended once the listener and handler
			// returned.
			SimpleTracer receiverTracer = receiver.bean(SimpleTracer.class);
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(span(receiverTracer, "traced receive").getTraceId()).isEqualTo(messageRoot.getTraceId());
				assertThat(span(receiverTracer, "asked receive").getTraceId()).isEqualTo(requestRoot.getTraceId());
			});
		}
	}

	@Test
	void timersOfSendsAndRequestsAreTaggedByOutcomeWithoutNodeIdsOrTopics() throws Exception {
		try (TestNode sender = TestNode.startWith(new Class<?>[] { Tracing.class },
				"tcpnet.discovery.mdns.enabled=false");
				TestNode receiver = TestNode.startWith(new Class<?>[] { Tracing.class, Receiving.class },
						"tcpnet.discovery.mdns.enabled=false", "tcpnet.discovery.static.peers=" + sender.seed())) {
			await().atMost(TIMEOUT).until(() -> sender.tcpnet().peer(receiver.id()).isPresent());
			sender.tcpnet().send(receiver.id(), "traced", "hello").get(30, TimeUnit.SECONDS);
			sender.tcpnet().request(receiver.id(), "asked", new byte[0], TIMEOUT).get(30, TimeUnit.SECONDS);
			MeterRegistry meters = sender.bean(MeterRegistry.class);
			assertThat(meters.get("tcpnet.send").tag("tcpnet.outcome", "SUCCESS").timer().count()).isEqualTo(1);
			assertThat(meters.get("tcpnet.request").tag("tcpnet.outcome", "SUCCESS").timer().count()).isEqualTo(1);
			assertThat(meters.get("tcpnet.send").timer().getId().getTags())
				.allSatisfy((tag) -> assertThat(tag.getValue()).doesNotContain(receiver.id().value()))
				.anySatisfy((tag) -> assertThat(tag.getKey() + "=" + tag.getValue()).isEqualTo("tcpnet.topic=none"));
			MeterRegistry receiverMeters = receiver.bean(MeterRegistry.class);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(receiverMeters.get("tcpnet.receive")
					.tag("tcpnet.kind", "request")
					.tag("tcpnet.outcome", "SUCCESS")
					.timer()
					.count()).isEqualTo(1));
		}
	}

	private static SimpleSpan span(SimpleTracer tracer, String name) {
		return tracer.getSpans()
			.stream()
			.filter((span) -> name.equals(span.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span '" + name + "' in " + tracer.getSpans()));
	}

	private static void join(java.util.concurrent.CompletableFuture<?> future) {
		future.join();
	}

	/**
	 * A node's own tracer and observation registry: nothing is shared between the nodes.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Tracing {

		@Bean
		SimpleTracer simpleTracer() {
			return new SimpleTracer();
		}

		@Bean
		ObservationRegistry observationRegistry(SimpleTracer tracer) {
			ObservationRegistry registry = ObservationRegistry.create();
			TraceparentPropagator propagator = new TraceparentPropagator(tracer);
			registry.observationConfig()
				.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
						new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
						new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
						new DefaultTracingObservationHandler(tracer)));
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Receiving implements TopicListener {

		final List<Span> spans = new CopyOnWriteArrayList<>();

		private final SimpleTracer tracer;

		Receiving(SimpleTracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public String topic() {
			return "traced";
		}

		@Override
		public void onMessage(Peer from, byte[] payload) {
			this.spans.add(this.tracer.currentSpan());
		}

		@Bean
		RequestHandler askedHandler() {
			return new RequestHandler() {

				@Override
				public String topic() {
					return "asked";
				}

				@Override
				public byte[] handle(Peer from, byte[] payload) {
					Receiving.this.spans.add(Receiving.this.tracer.currentSpan());
					return new byte[0];
				}

			};
		}

	}

}
