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

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.actuate.TcpnetEndpoint;
import dev.tcpnet.actuate.TcpnetHealthIndicator;
import dev.tcpnet.autoconfigure.actuate.TcpnetEndpointAutoConfiguration;
import dev.tcpnet.autoconfigure.actuate.TcpnetHealthAutoConfiguration;
import dev.tcpnet.context.TcpnetBootstrap;
import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.discovery.SightingListener;
import dev.tcpnet.discovery.fixed.StaticPeerDiscovery;
import dev.tcpnet.discovery.mdns.MdnsPeerDiscovery;
import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.registry.PeerRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The auto-configuration backs off on the types the application sees, not only on
 * tcpnet's own classes.
 */
class TcpnetBackOffTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpnetAutoConfiguration.class, TcpnetHealthAutoConfiguration.class,
				TcpnetEndpointAutoConfiguration.class))
		.withPropertyValues("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false");

	@Test
	void aTcpnetBeanOfTheApplicationReplacesTheMeshAndItsBootstrap() {
		this.runner.withBean("ownTcpnet", Tcpnet.class, () -> mock(Tcpnet.class))
			.withPropertyValues("management.endpoints.web.exposure.include=tcpnet")
			.run((context) -> {
				assertThat(context).hasSingleBean(Tcpnet.class)
					.doesNotHaveBean(Mesh.class)
					.doesNotHaveBean(TcpnetBootstrap.class);
				assertThat(context).getBean(Tcpnet.class).isSameAs(context.getBean("ownTcpnet"));
				// The beans that only read the registry stay, over the application's
				// Tcpnet.
				assertThat(context).hasSingleBean(TcpnetHealthIndicator.class).hasSingleBean(TcpnetEndpoint.class);
			});
	}

	@Test
	void aPeerRegistryBeanOfTheApplicationReplacesTheDefaultRegistry() {
		this.runner.withUserConfiguration(OwnRegistryAndTcpnet.class).run((context) -> {
			assertThat(context).hasSingleBean(PeerRegistry.class).doesNotHaveBean(DefaultPeerRegistry.class);
			assertThat(context).getBean(PeerRegistry.class).isSameAs(context.getBean("ownRegistry"));
		});
	}

	@Test
	void aPeerDiscoveryBeanOfTheApplicationReplacesMdnsButNotConfiguredStaticSeeds() {
		this.runner
			.withPropertyValues("tcpnet.discovery.mdns.enabled=true", "tcpnet.discovery.mdns.interfaces=127.0.0.1",
					"tcpnet.discovery.static.peers=127.0.0.1:1")
			.withBean("ownDiscovery", PeerDiscovery.class, OwnDiscovery::new)
			.run((context) -> assertThat(context).doesNotHaveBean(MdnsPeerDiscovery.class)
				.hasSingleBean(StaticPeerDiscovery.class)
				.hasBean("ownDiscovery"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistryAndTcpnet {

		@Bean
		PeerRegistry ownRegistry() {
			return mock(PeerRegistry.class);
		}

		@Bean
		Tcpnet ownTcpnet() {
			return mock(Tcpnet.class);
		}

	}

	static class OwnDiscovery implements PeerDiscovery {

		@Override
		public String mechanism() {
			return "own";
		}

		@Override
		public void start(LocalNode self, SightingListener listener) {
		}

		@Override
		public void stop() {
		}

		@Override
		public Map<String, Object> details() {
			return Map.of("seeds", List.of());
		}

	}

}
