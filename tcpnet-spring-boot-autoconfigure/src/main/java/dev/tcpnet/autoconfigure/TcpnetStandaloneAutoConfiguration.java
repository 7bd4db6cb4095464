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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.peer.NodeIdentity;
import dev.tcpnet.registry.DefaultPeerRegistry;

/**
 * Auto-configuration for {@code tcpnet.enabled=false}: a stand-alone node, so that the
 * application's beans that inject {@link Tcpnet} start unchanged. It opens no socket and
 * runs no discovery; it has no peers, so {@code send} and {@code request} throw
 * {@link dev.tcpnet.NoSuchPeerException}, {@code broadcast} reaches nobody and
 * {@code peers()} is empty.
 *
 * <p>
 * The bean is the real {@link Mesh} on a transport that reaches nobody, rather than a
 * separate implementation of {@link Tcpnet}: every method, including those added to
 * {@code Tcpnet} later, behaves exactly as on a node that has no peers yet. The registry
 * is not a bean, so the endpoint, health indicator and metrics stay off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TcpnetAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "tcpnet.enabled", havingValue = false)
@EnableConfigurationProperties(TcpnetProperties.class)
public final class TcpnetStandaloneAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(Tcpnet.class)
	StandaloneNode tcpnetStandaloneNode(TcpnetProperties properties, Environment environment,
			ApplicationEventPublisher publisher) {
		NodeIdentity identity = TcpnetAutoConfiguration.identity(properties, environment);
		DefaultPeerRegistry registry = new DefaultPeerRegistry(publisher, List.of());
		Mesh mesh = new Mesh(new NoNetworkTransport(), registry, identity.nodeId(), identity.cluster(),
				identity.incarnation(), TcpnetAutoConfiguration.meshSettings(properties), List.of());
		return new StandaloneNode(mesh, registry);
	}

	@Bean
	@ConditionalOnMissingBean(Tcpnet.class)
	Mesh tcpnet(StandaloneNode node) {
		return node.mesh();
	}

}
