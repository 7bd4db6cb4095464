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

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.tcpnet.cloud.TcpnetDiscoveryClient;

/**
 * Configuration properties for tcpnet's peers as a Spring Cloud {@code DiscoveryClient}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("tcpnet.spring-cloud.discovery-client")
public class TcpnetDiscoveryClientProperties {

	/**
	 * Whether the connected peers are listed as a Spring Cloud DiscoveryClient, with the
	 * cluster name as the service id.
	 */
	private boolean enabled = true;

	/**
	 * Order of the client among the DiscoveryClients: after the registries' own (order
	 * 0), so that they answer first for the services they know.
	 */
	private int order = TcpnetDiscoveryClient.DEFAULT_ORDER;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

}
