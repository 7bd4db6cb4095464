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

package dev.tcpnet.cloud;

import java.util.Map;

import org.springframework.cloud.client.DefaultServiceInstance;

/**
 * A connected peer as {@link TcpnetDiscoveryClient} lists it. A type of its own so that
 * {@link SpringCloudPeerDiscovery}, asking the composite client, can tell tcpnet's own
 * answers (peers already connected, at their HTTP port) from a registry's.
 */
final class TcpnetServiceInstance extends DefaultServiceInstance {

	TcpnetServiceInstance(String instanceId, String serviceId, String host, int port, boolean secure,
			Map<String, String> metadata) {
		super(instanceId, serviceId, host, port, secure, metadata);
	}

}
