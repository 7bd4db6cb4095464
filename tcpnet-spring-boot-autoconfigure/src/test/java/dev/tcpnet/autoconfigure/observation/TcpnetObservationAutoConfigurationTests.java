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

package dev.tcpnet.autoconfigure.observation;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;

import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.observation.DefaultTcpnetSendObservationConvention;
import dev.tcpnet.observation.TcpnetObservations;
import dev.tcpnet.observation.TcpnetSendObservationConvention;
import dev.tcpnet.registry.DefaultPeerRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class TcpnetObservationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TcpnetAutoConfiguration.class, TcpnetObservationAutoConfiguration.class))
		.withPropertyValues("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false");

	@Test
	void whenObservationRegistryBeanThenTheMeshAndRegistryAreObserved() {
		this.runner.withUserConfiguration(Registry.class).run((context) -> {
			assertThat(context).hasSingleBean(TcpnetObservations.class);
			TcpnetObservations observations = context.getBean(TcpnetObservations.class);
			assertThat(ReflectionTestUtils.getField(context.getBean(Mesh.class), "observations"))
				.isSameAs(observations);
			assertThat(ReflectionTestUtils.getField(context.getBean(DefaultPeerRegistry.class), "observations"))
				.isSameAs(observations);
		});
	}

	@Test
	void whenNoObservationRegistryThenNothingIsObserved() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(TcpnetObservations.class);
			assertThat(ReflectionTestUtils.getField(context.getBean(Mesh.class), "observations")).isNull();
		});
	}

	@Test
	void whenObservationsDisabledThenNothingIsObserved() {
		this.runner.withUserConfiguration(Registry.class)
			.withPropertyValues("tcpnet.observations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TcpnetObservations.class));
	}

	@Test
	void aConventionBeanReplacesTheDefault() {
		this.runner.withUserConfiguration(Registry.class, CustomConvention.class)
			.run((context) -> assertThat(
					ReflectionTestUtils.getField(context.getBean(TcpnetObservations.class), "sendConvention"))
				.isSameAs(context.getBean(TcpnetSendObservationConvention.class)));
	}

	@Test
	void includeTopicReachesTheDefaultConventions() {
		this.runner.withUserConfiguration(Registry.class)
			.withPropertyValues("tcpnet.observations.include-topic=true")
			.run((context) -> assertThat(
					ReflectionTestUtils.getField(context.getBean(TcpnetObservations.class), "defaultSend"))
				.hasFieldOrPropertyWithValue("includeTopic", true));
	}

	@Test
	void aCustomTcpnetObservationsBeanBacksTheDefaultOff() {
		this.runner.withUserConfiguration(Registry.class, CustomObservations.class)
			.run((context) -> assertThat(context).hasSingleBean(TcpnetObservations.class)
				.hasBean("customObservations"));
	}

	@Configuration(proxyBeanMethods = false)
	static class Registry {

		@Bean
		ObservationRegistry observationRegistry() {
			return ObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomConvention {

		@Bean
		TcpnetSendObservationConvention customSendConvention() {
			return new DefaultTcpnetSendObservationConvention(true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomObservations {

		@Bean
		TcpnetObservations customObservations(ObservationRegistry registry) {
			return new TcpnetObservations(registry, false);
		}

	}

}
