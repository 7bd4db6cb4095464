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

package dev.tcpnet.autoconfigure.actuate;

import java.util.function.BooleanSupplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.tcpnet.actuate.TcpnetHealthIndicator;
import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.autoconfigure.TcpnetProperties;
import dev.tcpnet.context.TcpnetBootstrap;
import dev.tcpnet.registry.PeerRegistry;

/**
 * Auto-configuration of the {@code tcpnet} health component. Backs off without
 * {@code spring-boot-health}; {@code management.health.tcpnet.enabled=false} switches it
 * off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TcpnetAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(PeerRegistry.class)
@ConditionalOnEnabledHealthIndicator("tcpnet")
public final class TcpnetHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "tcpnetHealthIndicator")
	TcpnetHealthIndicator tcpnetHealthIndicator(PeerRegistry registry, ObjectProvider<TcpnetBootstrap> bootstrap,
			TcpnetProperties properties) {
		// An application's own Tcpnet runs without the bootstrap: its registry is the
		// truth.
		TcpnetBootstrap running = bootstrap.getIfAvailable();
		BooleanSupplier started = (running != null) ? running::isRunning : () -> true;
		return new TcpnetHealthIndicator(registry, started, properties.getHealth().getMinPeers());
	}

}
