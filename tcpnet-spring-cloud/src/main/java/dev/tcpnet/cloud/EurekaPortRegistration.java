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

import java.util.LinkedHashMap;
import java.util.Map;

import com.netflix.appinfo.ApplicationInfoManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;

import dev.tcpnet.event.TcpnetStartedEvent;

/**
 * Adds this node's bound tcpnet port ({@value SpringCloudPeerDiscovery#PORT_KEY} by
 * default) and node id ({@value SpringCloudPeerDiscovery#NODE_ID_KEY}) to its Eureka
 * registration, so that the other nodes find the port through Eureka.
 *
 * <p>
 * The port is known only once the mesh has bound it, after Eureka's first registration:
 * the Eureka client sends the changed instance with its next replication
 * ({@code eureka.client.instance-info-replication-interval-seconds}, 30 seconds by
 * default, the first after
 * {@code eureka.client.initial-instance-info-replication-interval-seconds}). With a fixed
 * {@code tcpnet.server.port}, setting {@code eureka.instance.metadata-map.tcpnet-port} to
 * it registers the port at once.
 *
 * @since 0.1.0
 */
public class EurekaPortRegistration implements ApplicationListener<TcpnetStartedEvent> {

	private static final Logger logger = LoggerFactory.getLogger(EurekaPortRegistration.class);

	private final ObjectProvider<ApplicationInfoManager> applicationInfoManager;

	private final String portKey;

	/**
	 * Creates the registration.
	 * @param applicationInfoManager the Eureka view of this instance, when Eureka runs
	 * @param portKey the instance metadata key of the tcpnet port
	 */
	public EurekaPortRegistration(ObjectProvider<ApplicationInfoManager> applicationInfoManager, String portKey) {
		this.applicationInfoManager = applicationInfoManager;
		this.portKey = portKey;
	}

	@Override
	public void onApplicationEvent(TcpnetStartedEvent event) {
		ApplicationInfoManager manager = this.applicationInfoManager.getIfAvailable();
		if (manager == null) {
			return;
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put(this.portKey, Integer.toString(event.getPort()));
		metadata.put(SpringCloudPeerDiscovery.NODE_ID_KEY, event.getLocalNode().nodeId().value());
		// Marks the instance changed: the client sends it with its next replication
		manager.registerAppMetadata(metadata);
		logger.info("Registered tcpnet port {} in the Eureka instance metadata as '{}'", event.getPort(), this.portKey);
	}

}
