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

package dev.tcpnet.cloud.autoconfigure;

import com.netflix.appinfo.ApplicationInfoManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ConditionalOnBlockingDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.Assert;

import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.cloud.EurekaPortRegistration;
import dev.tcpnet.cloud.SpringCloudPeerDiscovery;
import dev.tcpnet.cloud.TcpnetDiscoveryClient;
import dev.tcpnet.peer.NodeIdentity;
import dev.tcpnet.registry.PeerRegistry;

/**
 * Auto-configuration of tcpnet with Spring Cloud: peers found through the application's
 * {@link DiscoveryClient} when {@code tcpnet.discovery.spring-cloud.service-id} is set
 * (and this node's tcpnet port registered with Eureka), and the connected peers as a
 * {@link TcpnetDiscoveryClient}. Every bean backs off when the application defines its
 * own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TcpnetAutoConfiguration.class)
@ConditionalOnClass(DiscoveryClient.class)
@ConditionalOnBean(PeerRegistry.class)
@ConditionalOnDiscoveryEnabled
@ConditionalOnBlockingDiscoveryEnabled
@EnableConfigurationProperties({ SpringCloudDiscoveryProperties.class, TcpnetDiscoveryClientProperties.class })
public final class TcpnetSpringCloudAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "tcpnet.spring-cloud.discovery-client.enabled", matchIfMissing = true)
	TcpnetDiscoveryClient tcpnetDiscoveryClient(PeerRegistry registry, NodeIdentity identity,
			TcpnetDiscoveryClientProperties properties) {
		return new TcpnetDiscoveryClient(registry, identity.cluster(), properties.getOrder());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty("tcpnet.discovery.spring-cloud.service-id")
	SpringCloudPeerDiscovery tcpnetSpringCloudDiscovery(ObjectProvider<DiscoveryClient> discoveryClient,
			SpringCloudDiscoveryProperties properties) {
		String serviceId = properties.getServiceId();
		Assert.state(serviceId != null, "'tcpnet.discovery.spring-cloud.service-id' must be set");
		// Looked up when discovery starts: the composite client gathers every client,
		// this module's own among them
		return new SpringCloudPeerDiscovery(discoveryClient::getObject, serviceId, properties.getPortMetadataKey(),
				properties.getPort(), properties.getRefreshInterval());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ApplicationInfoManager.class)
	@ConditionalOnBooleanProperty(name = "tcpnet.discovery.spring-cloud.register", matchIfMissing = true)
	static class EurekaRegistrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EurekaPortRegistration tcpnetEurekaPortRegistration(ObjectProvider<ApplicationInfoManager> manager,
				SpringCloudDiscoveryProperties properties) {
			return new EurekaPortRegistration(manager, properties.getPortMetadataKey());
		}

	}

}
