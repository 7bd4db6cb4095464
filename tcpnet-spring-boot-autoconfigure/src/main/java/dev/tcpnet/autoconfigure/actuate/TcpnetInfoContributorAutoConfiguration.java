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

import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.actuate.TcpnetInfoContributor;
import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.registry.PeerRegistry;

/**
 * Auto-configuration of tcpnet's contribution to {@code /actuator/info}: node id, cluster
 * and peer count. Backs off without Actuator;
 * {@code management.info.tcpnet.enabled=false} switches it off, as for Boot's own
 * contributors.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TcpnetAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnEnabledInfoContributor.class)
@ConditionalOnBean({ Tcpnet.class, PeerRegistry.class })
@ConditionalOnEnabledInfoContributor("tcpnet")
public final class TcpnetInfoContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TcpnetInfoContributor tcpnetInfoContributor(Tcpnet tcpnet, PeerRegistry registry) {
		return new TcpnetInfoContributor(tcpnet, registry);
	}

}
