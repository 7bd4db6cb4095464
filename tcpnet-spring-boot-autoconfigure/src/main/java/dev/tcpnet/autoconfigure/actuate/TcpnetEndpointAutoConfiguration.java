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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.actuate.TcpnetEndpoint;
import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.registry.PeerRegistry;

/**
 * Auto-configuration of the {@code tcpnet} Actuator endpoint. Backs off when Actuator is
 * absent; {@code management.endpoint.tcpnet.access} applies as to any endpoint.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TcpnetAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBean({ Tcpnet.class, PeerRegistry.class })
public final class TcpnetEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	TcpnetEndpoint tcpnetEndpoint(Tcpnet tcpnet, PeerRegistry registry, ObjectProvider<PeerDiscovery> discoveries) {
		return new TcpnetEndpoint(tcpnet, registry, discoveries.orderedStream().toList());
	}

}
