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

package dev.tcpnet.actuate;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.autoconfigure.actuate.TcpnetEndpointAutoConfiguration;
import dev.tcpnet.autoconfigure.actuate.TcpnetHealthAutoConfiguration;
import dev.tcpnet.autoconfigure.metrics.TcpnetMetricsAutoConfiguration;
import dev.tcpnet.metrics.TcpnetMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint, health indicator and meters are optional: each backs off when its library
 * is absent or it is switched off, and the mesh runs regardless.
 */
class BackOffTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpnetAutoConfiguration.class, TcpnetEndpointAutoConfiguration.class,
				TcpnetHealthAutoConfiguration.class, TcpnetMetricsAutoConfiguration.class))
		.withPropertyValues("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false",
				"management.endpoints.web.exposure.include=tcpnet");

	@Test
	void withEverythingPresentAllThreeAreCreated() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(TcpnetEndpoint.class)
			.hasBean("tcpnetHealthIndicator")
			.hasSingleBean(TcpnetMetrics.class));
	}

	@Test
	void withoutActuatorThereIsNoEndpoint() {
		this.runner.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TcpnetEndpoint.class));
	}

	@Test
	void endpointRespectsItsAccessProperty() {
		this.runner.withPropertyValues("management.endpoint.tcpnet.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(TcpnetEndpoint.class));
	}

	@Test
	void withoutHealthLibraryThereIsNoHealthIndicator() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("tcpnetHealthIndicator"));
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		this.runner.withPropertyValues("management.health.tcpnet.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("tcpnetHealthIndicator"));
	}

	@Test
	void withoutMicrometerThereAreNoMeters() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TcpnetMetrics.class));
	}

	@Test
	void whenTcpnetIsDisabledNoneOfThemIsCreated() {
		this.runner.withPropertyValues("tcpnet.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TcpnetEndpoint.class)
				.doesNotHaveBean("tcpnetHealthIndicator")
				.doesNotHaveBean(TcpnetMetrics.class));
	}

	@Test
	void healthMinPeersMustNotBeNegative() {
		this.runner.withPropertyValues("tcpnet.health.min-peers=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("tcpnet.health.min-peers"));
	}

}
