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

package dev.tcpnet.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Pins a test context's node to loopback (mDNS and the acceptor), drops the static seeds
 * the application's configuration may list, and gives it a cluster of its own, or the
 * shared one the test class names. The properties go above the application's
 * configuration files, environment variables and system properties, and below what the
 * test itself sets ({@code @SpringBootTest(properties = ...)},
 * {@code @TestPropertySource}, {@code @DynamicPropertySource}, arguments), so a test may
 * still choose otherwise.
 *
 * <p>
 * Equal for equal configuration, so that Spring's context cache keeps sharing contexts:
 * the cluster name is drawn when a context is made, not when the customizer is.
 */
final class TcpnetTestContextCustomizer implements ContextCustomizer {

	/** The name of the property source this customizer adds. */
	static final String PROPERTY_SOURCE_NAME = "tcpnet-test";

	// What the test itself sets: arguments, inlined and dynamic properties.
	private static final Set<String> SET_BY_THE_TEST = Set.of(
			CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME,
			TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, "Dynamic Test Properties");

	private final @Nullable String sharedCluster;

	TcpnetTestContextCustomizer(@Nullable String sharedCluster) {
		this.sharedCluster = sharedCluster;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		String cluster = (this.sharedCluster != null) ? TestClusterNames.shared(this.sharedCluster)
				: TestClusterNames.unique();
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, properties(cluster));
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		@Nullable String lastOfTheTests = null;
		for (PropertySource<?> candidate : sources) {
			if (SET_BY_THE_TEST.contains(candidate.getName())) {
				lastOfTheTests = candidate.getName();
			}
		}
		if (lastOfTheTests != null) {
			sources.addAfter(lastOfTheTests, source);
		}
		else {
			sources.addFirst(source);
		}
	}

	static Map<String, Object> properties(String cluster) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("tcpnet.cluster", cluster);
		properties.put("tcpnet.discovery.mdns.interfaces", "127.0.0.1");
		properties.put("tcpnet.server.address", "127.0.0.1");
		properties.put("tcpnet.discovery.static.peers", "");
		return properties;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof TcpnetTestContextCustomizer customizer)
				&& Objects.equals(this.sharedCluster, customizer.sharedCluster);
	}

	@Override
	public int hashCode() {
		return Objects.hash(TcpnetTestContextCustomizer.class, this.sharedCluster);
	}

}
