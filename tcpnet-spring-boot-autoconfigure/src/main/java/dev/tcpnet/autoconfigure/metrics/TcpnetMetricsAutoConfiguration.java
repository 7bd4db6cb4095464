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

package dev.tcpnet.autoconfigure.metrics;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.metrics.TcpnetMetrics;
import dev.tcpnet.registry.PeerRegistry;

/**
 * Auto-configuration of tcpnet's Micrometer meters. Backs off when Micrometer is absent;
 * Spring Boot binds the {@link MeterBinder} to every meter registry.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TcpnetAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(PeerRegistry.class)
public final class TcpnetMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TcpnetMetrics tcpnetMetrics(PeerRegistry registry, ObjectProvider<PeerDiscovery> discoveries) {
		List<String> mechanisms = new ArrayList<>(discoveries.orderedStream().map(PeerDiscovery::mechanism).toList());
		mechanisms.add(Mesh.EXCHANGE);
		return new TcpnetMetrics(registry, mechanisms);
	}

}
