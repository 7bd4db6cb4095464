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

package dev.tcpnet.autoconfigure;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.TopicListener;
import dev.tcpnet.context.TcpnetBootstrap;
import dev.tcpnet.discovery.fixed.StaticPeerDiscovery;
import dev.tcpnet.discovery.mdns.MdnsPeerDiscovery;
import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.mesh.MeshSettings;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.NodeIdentity;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.TcpnetProtocol;
import dev.tcpnet.transport.Transport;
import dev.tcpnet.transport.netty.NettyTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TcpnetAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpnetAutoConfiguration.class))
		.withPropertyValues("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false");

	@Test
	void defaultsCreateTheMeshAndStartIt() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Tcpnet.class)
				.hasSingleBean(NodeIdentity.class)
				.hasSingleBean(DefaultPeerRegistry.class)
				.hasSingleBean(NettyTransport.class)
				.hasSingleBean(TcpnetBootstrap.class)
				.doesNotHaveBean(StaticPeerDiscovery.class);
			assertThat(context.getBean(TcpnetBootstrap.class).isRunning()).isTrue();
			assertThat(context.getBean(Tcpnet.class).localNode().port()).isPositive();
		});
	}

	@Test
	void whenMdnsEnabledThenMdnsDiscoveryBean() {
		this.runner
			.withPropertyValues("tcpnet.discovery.mdns.enabled=true", "tcpnet.discovery.mdns.interfaces=127.0.0.1")
			.run((context) -> assertThat(context).hasSingleBean(MdnsPeerDiscovery.class));
	}

	@Test
	void whenMdnsDisabledThenNoMdnsBean() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MdnsPeerDiscovery.class));
	}

	@Test
	void whenStaticPeersSetThenStaticDiscoveryBean() {
		this.runner.withPropertyValues("tcpnet.discovery.static.peers=127.0.0.1:1,127.0.0.1:2")
			.run((context) -> assertThat(context).hasSingleBean(StaticPeerDiscovery.class));
	}

	@Test
	void whenDisabledThenNothingIsCreated() {
		this.runner.withPropertyValues("tcpnet.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Tcpnet.class)
				.doesNotHaveBean(Transport.class)
				.doesNotHaveBean(TcpnetBootstrap.class)
				.doesNotHaveBean(TcpnetProperties.class));
	}

	@Test
	void clusterDefaultsToApplicationName() {
		this.runner.withPropertyValues("spring.application.name=orders")
			.run((context) -> assertThat(context.getBean(NodeIdentity.class).cluster()).isEqualTo("orders"));
	}

	@Test
	void clusterDefaultsToTcpnetWithoutApplicationName() {
		this.runner.run((context) -> assertThat(context.getBean(NodeIdentity.class).cluster()).isEqualTo("tcpnet"));
	}

	@Test
	void clusterPropertyWinsOverApplicationName() {
		this.runner.withPropertyValues("spring.application.name=orders", "tcpnet.cluster=payments")
			.run((context) -> assertThat(context.getBean(NodeIdentity.class).cluster()).isEqualTo("payments"));
	}

	@Test
	void nodeIdIsRandom128BitHexByDefault() {
		this.runner
			.run((context) -> assertThat(context.getBean(NodeIdentity.class).nodeId().value()).matches("[0-9a-f]{32}"));
	}

	@Test
	void nodeIdPropertyIsUsed() {
		this.runner.withPropertyValues("tcpnet.node-id=node-1")
			.run((context) -> assertThat(context.getBean(Tcpnet.class).localNode().nodeId())
				.isEqualTo(NodeId.of("node-1")));
	}

	@Test
	void userBeansReplaceEveryTcpnetBean() {
		this.runner.withUserConfiguration(CustomBeans.class).run((context) -> {
			assertThat(context).getBean(NodeIdentity.class).isSameAs(context.getBean("customIdentity"));
			assertThat(context).getBean(DefaultPeerRegistry.class).isSameAs(context.getBean("customRegistry"));
			assertThat(context).getBean(Transport.class).isSameAs(context.getBean("customTransport"));
			assertThat(context).getBean(Mesh.class).isSameAs(context.getBean("customMesh"));
			assertThat(context).getBean(TcpnetBootstrap.class).isSameAs(context.getBean("customBootstrap"));
		});
	}

	@Test
	void userDiscoveryBeansReplaceTheDefaultOnes() {
		this.runner
			.withPropertyValues("tcpnet.discovery.mdns.enabled=true", "tcpnet.discovery.static.peers=127.0.0.1:1")
			.withUserConfiguration(CustomDiscovery.class)
			.run((context) -> {
				assertThat(context).getBean(MdnsPeerDiscovery.class).isSameAs(context.getBean("customMdns"));
				assertThat(context).getBean(StaticPeerDiscovery.class).isSameAs(context.getBean("customStatic"));
			});
	}

	@Test
	void emptyClusterFailsNamingTheProperty() {
		this.runner.withPropertyValues("tcpnet.cluster=").run(failsNaming("tcpnet.cluster"));
	}

	@Test
	void staticPeerWithoutNumericPortFailsNamingTheProperty() {
		this.runner.withPropertyValues("tcpnet.discovery.static.peers=127.0.0.1:1,host:notaport")
			.run(failsNaming("tcpnet.discovery.static.peers[1]"));
	}

	@Test
	void negativePortFailsNamingTheProperty() {
		this.runner.withPropertyValues("tcpnet.server.port=-1").run(failsNaming("tcpnet.server.port"));
	}

	@Test
	void frameSizeBelowTheHandshakeFailsNamingTheProperty() {
		this.runner.withPropertyValues("tcpnet.max-frame-size=4B").run(failsNaming("tcpnet.max-frame-size"));
	}

	@Test
	void invalidNodeIdFailsNamingTheProperty() {
		this.runner.withPropertyValues("tcpnet.node-id=not valid!").run(failsNaming("tcpnet.node-id"));
	}

	@Test
	void zeroHandshakeTimeoutFailsNamingTheProperty() {
		this.runner.withPropertyValues("tcpnet.handshake-timeout=0s").run(failsNaming("tcpnet.handshake-timeout"));
	}

	@Test
	void unknownSslBundleFailsNamingIt() {
		this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("tcpnet.ssl.bundle=missing")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("missing"));
	}

	@Test
	void secretAndSecretFileTogetherFailNamingTheProperty() {
		this.runner.withPropertyValues("tcpnet.security.secret=x", "tcpnet.security.secret-file=/etc/hostname")
			.run(failsNaming("tcpnet.security.secret"));
	}

	@Test
	void unreadableSecretFileFailsNamingTheProperty() {
		this.runner.withPropertyValues("tcpnet.security.secret-file=/nonexistent/secret")
			.run(failsNaming("tcpnet.security.secret-file"));
	}

	@Test
	void writeTimeoutDefaultsToTheHeartbeatTimeout() {
		this.runner.withPropertyValues("tcpnet.heartbeat.timeout=7s")
			.run((context) -> assertThat(transportSettings(context).writeTimeout()).isEqualTo(Duration.ofSeconds(7)));
	}

	@Test
	void writeTimeoutPropertyIsUsed() {
		this.runner.withPropertyValues("tcpnet.heartbeat.write-timeout=11s")
			.run((context) -> assertThat(transportSettings(context).writeTimeout()).isEqualTo(Duration.ofSeconds(11)));
	}

	@Test
	void zeroWriteTimeoutFailsNamingTheProperty() {
		this.runner.withPropertyValues("tcpnet.heartbeat.write-timeout=0s")
			.run(failsNaming("tcpnet.heartbeat.write-timeout"));
	}

	@Test
	void networkThreadsSleepWithoutPollingByDefault() {
		this.runner.run((context) -> assertThat(transportSettings(context).busyPoll()).isZero());
	}

	@Test
	void busyPollPropertyIsUsed() {
		this.runner.withPropertyValues("tcpnet.server.busy-poll=50us")
			.run((context) -> assertThat(transportSettings(context).busyPoll()).isEqualTo(Duration.ofNanos(50_000)));
	}

	@Test
	void busyPollLongerThanAMillisecondFailsNamingTheProperty() {
		this.runner.withPropertyValues("tcpnet.server.busy-poll=2ms").run(failsNaming("tcpnet.server.busy-poll"));
	}

	@Test
	void negativeBusyPollFailsNamingTheProperty() {
		this.runner.withPropertyValues("tcpnet.server.busy-poll=-1ms").run(failsNaming("tcpnet.server.busy-poll"));
	}

	private static NettyTransport.Settings transportSettings(AssertableApplicationContext context) {
		Object settings = ReflectionTestUtils.getField(context.getBean(NettyTransport.class), "settings");
		assertThat(settings).isInstanceOf(NettyTransport.Settings.class);
		return (NettyTransport.Settings) settings;
	}

	@Test
	void maxPeersMustBePositive() {
		this.runner.withPropertyValues("tcpnet.max-peers=0").run(failsNaming("tcpnet.max-peers"));
	}

	@Test
	void topicListenerBeansReceiveTheirTopicsAndSeveralMayShareOne() {
		List<String> received = new CopyOnWriteArrayList<>();
		this.runner.withBean("ordersListener", TopicListener.class, () -> listener("orders", received))
			.run((context) -> {
				Peer peer = new Peer(NodeId.of("p"), "c", new InetSocketAddress("127.0.0.1", 1), 1, Direction.INBOUND,
						Instant.now());
				context.getBean(DefaultPeerRegistry.class)
					.messagesReceived(peer, List.of(new Envelope(1, Envelope.Kind.MESSAGE, 0, "orders", new byte[1])));
				await().untilAsserted(() -> assertThat(received).containsExactly("orders"));
			});
		received.clear();
		this.runner.withBean("one", TopicListener.class, () -> listener("orders", received))
			.withBean("two", TopicListener.class, () -> listener("orders", received))
			.run((context) -> {
				Peer peer = new Peer(NodeId.of("p"), "c", new InetSocketAddress("127.0.0.1", 1), 1, Direction.INBOUND,
						Instant.now());
				context.getBean(DefaultPeerRegistry.class)
					.messagesReceived(peer, List.of(new Envelope(1, Envelope.Kind.MESSAGE, 0, "orders", new byte[1])));
				await().untilAsserted(() -> assertThat(received).containsExactly("orders", "orders"));
			});
	}

	private static TopicListener listener(String topic, List<String> received) {
		return new TopicListener() {

			@Override
			public String topic() {
				return topic;
			}

			@Override
			public void onMessage(Peer from, byte[] payload) {
				received.add(topic);
			}

		};
	}

	private static ContextConsumer<AssertableApplicationContext> failsNaming(String property) {
		return (context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
					(ex) -> assertThat(ex.getName()).isEqualTo(property));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomBeans {

		@Bean
		NodeIdentity customIdentity() {
			return new NodeIdentity(NodeId.of("custom"), "custom", 1L);
		}

		@Bean
		DefaultPeerRegistry customRegistry(ApplicationEventPublisher publisher) {
			return new DefaultPeerRegistry(publisher);
		}

		@Bean
		NettyTransport customTransport() {
			return new NettyTransport("custom", NodeId.of("custom"), 1L, NettyTransport.Settings
				.plain(Duration.ofSeconds(1), Duration.ofSeconds(1), TcpnetProtocol.MIN_MAX_FRAME_SIZE));
		}

		@Bean
		Mesh customMesh(NettyTransport customTransport, DefaultPeerRegistry customRegistry) {
			return new Mesh(customTransport, customRegistry, NodeId.of("custom"), "custom", 1L, MeshSettings.defaults(),
					List.of());
		}

		@Bean
		TcpnetBootstrap customBootstrap(Mesh customMesh, NettyTransport customTransport,
				DefaultPeerRegistry customRegistry, ApplicationEventPublisher publisher) {
			return new TcpnetBootstrap(customMesh, customTransport, customRegistry, List.of(),
					new java.net.InetSocketAddress("127.0.0.1", 0), publisher, Duration.ofSeconds(30));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomDiscovery {

		@Bean
		MdnsPeerDiscovery customMdns() {
			return new MdnsPeerDiscovery(List.of("127.0.0.1"), "_custom._tcp.local.", 1);
		}

		@Bean
		StaticPeerDiscovery customStatic() {
			return new StaticPeerDiscovery(List.of("127.0.0.1:2"), Duration.ofSeconds(1));
		}

	}

}
