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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tcpnet.NoSuchPeerException;
import dev.tcpnet.Tcpnet;
import dev.tcpnet.actuate.TcpnetEndpoint;
import dev.tcpnet.actuate.TcpnetHealthIndicator;
import dev.tcpnet.autoconfigure.actuate.TcpnetEndpointAutoConfiguration;
import dev.tcpnet.autoconfigure.actuate.TcpnetHealthAutoConfiguration;
import dev.tcpnet.autoconfigure.metrics.TcpnetMetricsAutoConfiguration;
import dev.tcpnet.context.TcpnetBootstrap;
import dev.tcpnet.context.TcpnetPortInfoApplicationContextInitializer;
import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.metrics.TcpnetMetrics;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.transport.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

class TcpnetStandaloneAutoConfigurationTests {

	// No interface or address is pinned here on purpose: a stand-alone node must not
	// touch the network even with the defaults.
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpnetAutoConfiguration.class, TcpnetStandaloneAutoConfiguration.class,
				TcpnetEndpointAutoConfiguration.class, TcpnetHealthAutoConfiguration.class,
				TcpnetMetricsAutoConfiguration.class))
		.withInitializer(new TcpnetPortInfoApplicationContextInitializer())
		.withPropertyValues("tcpnet.enabled=false", "spring.application.name=orders");

	@Test
	void whenDisabledThenATcpnetBeanWithoutNetworkBeans() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(Tcpnet.class)
				.doesNotHaveBean(Transport.class)
				.doesNotHaveBean(PeerDiscovery.class)
				.doesNotHaveBean(TcpnetBootstrap.class)
				.doesNotHaveBean(PeerRegistry.class);
			Tcpnet tcpnet = context.getBean(Tcpnet.class);
			assertThat(tcpnet.peers()).isEmpty();
			assertThat(tcpnet.localNode().cluster()).isEqualTo("orders");
			assertThat(tcpnet.localNode().port()).isZero();
		});
	}

	@Test
	void whenDisabledThenSendsStreamsAndRequestsFailWithNoSuchPeerAndBroadcastsReachNobody() {
		this.runner.run((context) -> {
			Tcpnet tcpnet = context.getBean(Tcpnet.class);
			NodeId someone = NodeId.random();
			assertThatExceptionOfType(NoSuchPeerException.class).isThrownBy(() -> tcpnet.send(someone, "t", "hi"));
			assertThatExceptionOfType(NoSuchPeerException.class)
				.isThrownBy(() -> tcpnet.request(someone, "t", new byte[0], Duration.ofSeconds(1)));
			assertThatExceptionOfType(NoSuchPeerException.class).isThrownBy(() -> tcpnet.stream(someone, "t"));
			assertThat(tcpnet.broadcast("t", "hi").size()).isZero();
			assertThat(tcpnet.peer(someone)).isEmpty();
		});
	}

	@Test
	void whenDisabledThenNoSocketIsOpened() {
		Set<String> before = openSockets();
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Tcpnet.class);
			assertThat(context.getBean(Tcpnet.class).peers()).isEmpty();
			assertThat(openSockets()).as("sockets opened by the stand-alone node").isSubsetOf(before);
		});
	}

	@Test
	void whenDisabledThenNoPortIsToldAndActuatorViewsStayOff() {
		this.runner.run((context) -> {
			assertThat(context.getEnvironment().containsProperty("local.tcpnet.port")).isFalse();
			assertThat(context).doesNotHaveBean(TcpnetEndpoint.class)
				.doesNotHaveBean(TcpnetHealthIndicator.class)
				.doesNotHaveBean(TcpnetMetrics.class);
		});
	}

	@Test
	void whenDisabledWithInvalidPropertiesThenTheStartFailsNamingThem() {
		this.runner.withPropertyValues("tcpnet.cluster= ")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("tcpnet.cluster"));
	}

	@Test
	void whenDisabledAndTheApplicationDefinesTcpnetThenItsOwnIsUsed() {
		this.runner.withUserConfiguration(CustomTcpnet.class).run((context) -> {
			assertThat(context).hasSingleBean(Tcpnet.class).doesNotHaveBean(StandaloneNode.class);
			assertThat(context.getBean(Tcpnet.class)).isSameAs(context.getBean(CustomTcpnet.class).tcpnet);
		});
	}

	@Test
	void whenEnabledThenNoStandaloneNode() {
		this.runner
			.withPropertyValues("tcpnet.enabled=true", "tcpnet.server.address=127.0.0.1",
					"tcpnet.discovery.mdns.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(Tcpnet.class)
				.hasSingleBean(TcpnetBootstrap.class)
				.doesNotHaveBean(StandaloneNode.class));
	}

	// The inodes of this process's open sockets, of every kind (TCP, UDP, multicast).
	private static Set<String> openSockets() {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.map(TcpnetStandaloneAutoConfigurationTests::target)
				.filter((target) -> target.startsWith("socket:"))
				.collect(Collectors.toSet());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String target(Path fd) {
		try {
			return Files.readSymbolicLink(fd).toString();
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomTcpnet {

		final Tcpnet tcpnet = mock(Tcpnet.class);

		@Bean
		Tcpnet customTcpnet() {
			return this.tcpnet;
		}

	}

}
