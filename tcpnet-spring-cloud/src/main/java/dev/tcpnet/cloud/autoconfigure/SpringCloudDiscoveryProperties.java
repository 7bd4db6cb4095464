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

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.tcpnet.cloud.SpringCloudPeerDiscovery;

/**
 * Configuration properties for finding peers through a Spring Cloud
 * {@code DiscoveryClient}. Validated at startup, naming the property.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("tcpnet.discovery.spring-cloud")
public class SpringCloudDiscoveryProperties implements InitializingBean {

	/**
	 * Service whose instances are the nodes, as the registry knows it (for example
	 * 'spring.application.name'). Setting it enables discovery through Spring Cloud.
	 */
	private @Nullable String serviceId;

	/**
	 * Instance metadata key that holds a node's tcpnet port.
	 */
	private String portMetadataKey = SpringCloudPeerDiscovery.PORT_KEY;

	/**
	 * tcpnet port of instances whose metadata holds none (a fixed 'tcpnet.server.port' on
	 * every node). 0 to skip such instances.
	 */
	private int port = 0;

	/**
	 * How often the instances are listed again.
	 */
	private Duration refreshInterval = Duration.ofSeconds(5);

	/**
	 * Whether this node's bound tcpnet port and node id are added to its own Eureka
	 * registration's metadata.
	 */
	private boolean register = true;

	public @Nullable String getServiceId() {
		return this.serviceId;
	}

	public void setServiceId(@Nullable String serviceId) {
		this.serviceId = serviceId;
	}

	public String getPortMetadataKey() {
		return this.portMetadataKey;
	}

	public void setPortMetadataKey(String portMetadataKey) {
		this.portMetadataKey = portMetadataKey;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public boolean isRegister() {
		return this.register;
	}

	public void setRegister(boolean register) {
		this.register = register;
	}

	@Override
	public void afterPropertiesSet() {
		String prefix = "tcpnet.discovery.spring-cloud.";
		if (this.serviceId != null && this.serviceId.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(prefix + "service-id", this.serviceId,
					"must not be blank");
		}
		if (this.portMetadataKey.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(prefix + "port-metadata-key", this.portMetadataKey,
					"must not be blank");
		}
		if (this.port < 0 || this.port > 0xFFFF) {
			throw new InvalidConfigurationPropertyValueException(prefix + "port", this.port,
					"must be 0 (none) to 65535");
		}
		if (this.refreshInterval.isZero() || this.refreshInterval.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(prefix + "refresh-interval", this.refreshInterval,
					"must be positive");
		}
	}

}
