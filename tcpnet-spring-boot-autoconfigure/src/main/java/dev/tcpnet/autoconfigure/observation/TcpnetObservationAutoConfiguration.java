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
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.autoconfigure.TcpnetProperties;
import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.observation.TcpnetObservations;
import dev.tcpnet.observation.TcpnetReceiveObservationConvention;
import dev.tcpnet.observation.TcpnetRequestObservationConvention;
import dev.tcpnet.observation.TcpnetSendObservationConvention;
import dev.tcpnet.registry.DefaultPeerRegistry;

/**
 * Auto-configuration of tcpnet's observations ({@code tcpnet.send},
 * {@code tcpnet.request}, {@code tcpnet.receive}) when an {@link ObservationRegistry}
 * bean exists (Spring Boot's {@code ObservationAutoConfiguration} provides one with
 * Actuator). A bean of a {@code Tcpnet*ObservationConvention} type replaces the default
 * convention of its observation.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TcpnetAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, Mesh.class, DefaultPeerRegistry.class })
@ConditionalOnBooleanProperty(name = "tcpnet.observations.enabled", matchIfMissing = true)
public final class TcpnetObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TcpnetObservations tcpnetObservations(ObservationRegistry registry, TcpnetProperties properties,
			ObjectProvider<TcpnetSendObservationConvention> send,
			ObjectProvider<TcpnetRequestObservationConvention> request,
			ObjectProvider<TcpnetReceiveObservationConvention> receive) {
		return new TcpnetObservations(registry, properties.getObservations().isIncludeTopic(), send.getIfUnique(),
				request.getIfUnique(), receive.getIfUnique());
	}

	// Before the mesh starts (a SmartLifecycle, after every singleton exists), so the
	// first message is observed too.
	@Bean
	InitializingBean tcpnetObservationsBinding(Mesh mesh, DefaultPeerRegistry registry,
			TcpnetObservations observations) {
		return () -> {
			mesh.observeWith(observations);
			registry.observeWith(observations);
		};
	}

}
