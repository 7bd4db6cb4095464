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

package dev.tcpnet.cloud.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.netflix.appinfo.ApplicationInfoManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.cloud.EurekaPortRegistration;
import dev.tcpnet.cloud.FixedPeerRegistry;
import dev.tcpnet.cloud.SpringCloudPeerDiscovery;
import dev.tcpnet.cloud.TcpnetDiscoveryClient;
import dev.tcpnet.discovery.PeerDiscovery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TcpnetSpringCloudAutoConfiguration}.
 */
class TcpnetSpringCloudAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TcpnetAutoConfiguration.class, TcpnetSpringCloudAutoConfiguration.class))
		.withPropertyValues("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false",
				"tcpnet.cluster=orders");

	@Test
	void whenDefaultsThenPeersAreADiscoveryClientAndNoPeerDiscoveryThroughSpringCloud() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TcpnetDiscoveryClient.class);
			assertThat(context.getBean(TcpnetDiscoveryClient.class).getOrder())
				.isEqualTo(TcpnetDiscoveryClient.DEFAULT_ORDER);
			assertThat(context).doesNotHaveBean(SpringCloudPeerDiscovery.class);
		});
	}

	@Test
	void whenDiscoveryClientDisabledThenNoBean() {
		this.contextRunner.withPropertyValues("tcpnet.spring-cloud.discovery-client.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TcpnetDiscoveryClient.class));
	}

	@Test
	void whenSpringCloudDiscoveryDisabledThenNoBeans() {
		this.contextRunner
			.withPropertyValues("spring.cloud.discovery.enabled=false",
					"tcpnet.discovery.spring-cloud.service-id=orders")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TcpnetDiscoveryClient.class);
				assertThat(context).doesNotHaveBean(SpringCloudPeerDiscovery.class);
			});
	}

	@Test
	void whenTcpnetDisabledThenNoBeans() {
		this.contextRunner.withPropertyValues("tcpnet.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TcpnetDiscoveryClient.class));
	}

	@Test
	void whenServiceIdSetThenPeersAreFoundThroughSpringCloud() {
		this.contextRunner.withPropertyValues("tcpnet.discovery.spring-cloud.service-id=orders").run((context) -> {
			assertThat(context).hasSingleBean(SpringCloudPeerDiscovery.class);
			// The bootstrap runs every PeerDiscovery bean
			assertThat(context.getBeansOfType(PeerDiscovery.class)).containsKey("tcpnetSpringCloudDiscovery");
			assertThat(context.getBean(SpringCloudPeerDiscovery.class).details()).containsEntry("serviceId", "orders")
				.containsEntry("portMetadataKey", "tcpnet-port")
				.containsEntry("refreshInterval", "PT5S");
		});
	}

	@Test
	void whenRefreshIntervalIsNotPositiveThenStartFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("tcpnet.discovery.spring-cloud.service-id=orders",
					"tcpnet.discovery.spring-cloud.refresh-interval=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("tcpnet.discovery.spring-cloud.refresh-interval"));
	}

	@Test
	void whenPortOutOfRangeThenStartFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("tcpnet.discovery.spring-cloud.port=70000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tcpnet.discovery.spring-cloud.port"));
	}

	@Test
	void whenEurekaIsOnTheClasspathThenThePortIsRegistered() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(EurekaPortRegistration.class));
	}

	@Test
	void whenEurekaIsNotOnTheClasspathThenNoRegistration() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ApplicationInfoManager.class))
			.run((context) -> assertThat(context).doesNotHaveBean(EurekaPortRegistration.class));
	}

	@Test
	void whenRegistrationDisabledThenNone() {
		this.contextRunner.withPropertyValues("tcpnet.discovery.spring-cloud.register=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EurekaPortRegistration.class));
	}

	@Test
	void customBeansWin() {
		this.contextRunner.withUserConfiguration(CustomBeans.class)
			.withPropertyValues("tcpnet.discovery.spring-cloud.service-id=orders")
			.run((context) -> {
				assertThat(context).getBean(TcpnetDiscoveryClient.class).isSameAs(CustomBeans.CLIENT);
				assertThat(context).getBean(SpringCloudPeerDiscovery.class).isSameAs(CustomBeans.DISCOVERY);
				assertThat(context).getBean(EurekaPortRegistration.class).isSameAs(CustomBeans.REGISTRATION);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomBeans {

		static final TcpnetDiscoveryClient CLIENT = new TcpnetDiscoveryClient(new FixedPeerRegistry(List.of()), "x", 0);

		static final SpringCloudPeerDiscovery DISCOVERY = new SpringCloudPeerDiscovery(
				() -> new SimpleDiscoveryClient(new SimpleDiscoveryProperties()), "x", "p", 0, Duration.ofSeconds(1));

		static final EurekaPortRegistration REGISTRATION = new EurekaPortRegistration(
				new StaticListableBeanFactory().getBeanProvider(ApplicationInfoManager.class), "p");

		@Bean
		TcpnetDiscoveryClient customClient() {
			return CLIENT;
		}

		@Bean
		SpringCloudPeerDiscovery customDiscovery() {
			return DISCOVERY;
		}

		@Bean
		EurekaPortRegistration customRegistration() {
			return REGISTRATION;
		}

	}

}
