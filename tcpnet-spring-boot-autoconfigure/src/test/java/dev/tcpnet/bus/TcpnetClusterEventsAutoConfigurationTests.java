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

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.autoconfigure.TcpnetClusterEventsAutoConfiguration;
import dev.tcpnet.autoconfigure.TcpnetMessagingAutoConfiguration;
import dev.tcpnet.autoconfigure.TcpnetStandaloneAutoConfiguration;
import dev.tcpnet.convert.TcpnetPayloadConverter;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.transport.Envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TcpnetClusterEventsAutoConfiguration} and for what the bridge does
 * with events the mesh hands to the registry.
 */
@ExtendWith(OutputCaptureExtension.class)
class TcpnetClusterEventsAutoConfigurationTests {

	private static final Peer PEER = new Peer(NodeId.of("sender"), "c", new InetSocketAddress("127.0.0.1", 5000), 5000,
			Direction.INBOUND, Instant.now());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, TcpnetAutoConfiguration.class,
				TcpnetStandaloneAutoConfiguration.class, TcpnetMessagingAutoConfiguration.class,
				TcpnetClusterEventsAutoConfiguration.class))
		.withPropertyValues("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false");

	@Test
	void bridgeIsConfiguredByDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ClusterEventBridge.class));
	}

	@Test
	void whenEventsDisabledThenNoBridge() {
		this.runner.withPropertyValues("tcpnet.events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ClusterEventBridge.class));
	}

	@Test
	void whenTcpnetDisabledThenNoBridge() {
		this.runner.withPropertyValues("tcpnet.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ClusterEventBridge.class));
	}

	@Test
	void customBridgeBacksOff() {
		this.runner.withUserConfiguration(CustomBridge.class)
			.run((context) -> assertThat(context).getBean(ClusterEventBridge.class)
				.isSameAs(context.getBean("customBridge")));
	}

	@Test
	void receivedEventIsPublishedWithItsOriginToListenersOfTheRecord() {
		this.runner.withUserConfiguration(Listeners.class).run((context) -> {
			receive(context, Greeting.class.getName() + "\n{\"text\":\"hello\"}");
			await().untilAsserted(() -> assertThat(context.getBean(Listeners.class).calls)
				.containsExactlyInAnyOrder("record hello", "event hello from sender", "remote only hello"));
		});
	}

	@Test
	void receivedEventIsNotSentOn() {
		this.runner.withUserConfiguration(Listeners.class).run((context) -> {
			receive(context, Greeting.class.getName() + "\n{\"text\":\"hello\"}");
			await().untilAsserted(() -> assertThat(context.getBean(Listeners.class).calls).hasSize(3));
			assertThat(context.getBean(ClusterEventBridge.class).supportsSourceType(ClusterEventSource.class))
				.isFalse();
		});
	}

	@Test
	void localEventsAreNotRemoteAndSkipTheRemoteOnlyListener() {
		this.runner.withUserConfiguration(Listeners.class).run((context) -> {
			context.publishEvent(new Greeting("local"));
			assertThat(context.getBean(Listeners.class).calls).containsExactlyInAnyOrder("record local",
					"event local from here");
		});
	}

	@Test
	void markedApplicationEventStaysWithOneWarning(CapturedOutput output) {
		this.runner.run((context) -> {
			context.publishEvent(new MarkedApplicationEvent(this));
			context.publishEvent(new MarkedApplicationEvent(this));
			assertThat(output.getOut()
				.lines()
				.filter((line) -> line.contains(" WARN ")
						&& line.contains(MarkedApplicationEvent.class.getName() + " is marked @ClusterEvent")))
				.hasSize(1);
		});
	}

	private static void receive(AssertableApplicationContext context, String payload) {
		context.getBean(DefaultPeerRegistry.class)
			.messagesReceived(PEER, List.of(new Envelope(1, Envelope.Kind.MESSAGE, 0, ClusterEvents.TOPIC,
					payload.getBytes(StandardCharsets.UTF_8))));
	}

	@ClusterEvent
	record Greeting(String text) {
	}

	@ClusterEvent
	static class MarkedApplicationEvent extends ApplicationEvent {

		MarkedApplicationEvent(Object source) {
			super(source);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@EventListener
		void on(Greeting greeting) {
			this.calls.add("record " + greeting.text());
		}

		@EventListener(condition = "#root.event.source instanceof T(dev.tcpnet.bus.ClusterEventSource)")
		void remoteOnly(Greeting greeting) {
			this.calls.add("remote only " + greeting.text());
		}

		@EventListener
		void on(PayloadApplicationEvent<Greeting> event) {
			this.calls.add("event " + event.getPayload().text() + " from "
					+ ClusterEvents.origin(event).map(NodeId::value).orElse("here"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomBridge {

		@Bean
		ClusterEventBridge customBridge(Tcpnet tcpnet, DefaultPeerRegistry registry, TcpnetPayloadConverter converter,
				ApplicationEventPublisher publisher) {
			return new ClusterEventBridge(tcpnet, registry, converter, publisher);
		}

	}

}
