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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.bus.ClusterEventBridge;
import dev.tcpnet.convert.TcpnetPayloadConverter;
import dev.tcpnet.registry.DefaultPeerRegistry;

/**
 * Auto-configuration for cluster events: the {@link ClusterEventBridge} that sends
 * application events marked {@code @ClusterEvent} to every peer and publishes those the
 * peers send. Needs the mesh (not the stand-alone node of {@code tcpnet.enabled=false},
 * where such events simply stay local); {@code tcpnet.events.enabled=false} turns it off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TcpnetMessagingAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "tcpnet.events.enabled", matchIfMissing = true)
@ConditionalOnBean({ Tcpnet.class, DefaultPeerRegistry.class, TcpnetPayloadConverter.class })
public final class TcpnetClusterEventsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClusterEventBridge tcpnetClusterEventBridge(Tcpnet tcpnet, DefaultPeerRegistry registry,
			TcpnetPayloadConverter converter, ApplicationEventPublisher publisher) {
		return new ClusterEventBridge(tcpnet, registry, converter, publisher);
	}

}
