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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.netflix.discovery.EurekaClient;
import com.netflix.discovery.shared.Application;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.tcpnet.peer.NodeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Eureka server and two tcpnet nodes that register with it as Eureka clients and
 * find each other through it alone (mDNS off, no seeds), all on 127.0.0.1.
 */
class EurekaMeshTests {

	private static final String SERVICE = "tcpnet-eureka-test";

	private final List<AutoCloseable> running = new ArrayList<>();

	@AfterEach
	void stopAll() throws Exception {
		for (int i = this.running.size() - 1; i >= 0; i--) {
			this.running.get(i).close();
		}
	}

	@Test
	void nodesRegisteredWithEurekaFindEachOther() {
		int eurekaPort = startEurekaServer();
		WebNode a = startNode(eurekaPort, "node-a");
		WebNode b = startNode(eurekaPort, "node-b");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(a.tcpnet().peers()).extracting((peer) -> peer.nodeId()).containsExactly(NodeId.of("node-b"));
			assertThat(b.tcpnet().peers()).extracting((peer) -> peer.nodeId()).containsExactly(NodeId.of("node-a"));
		});
		// Found through Eureka: the instances carry the bound tcpnet port. The first to
		// see the other dialed it, so the other's registry may still be catching up.
		// Until its first fetch with the service in it, a's client knows no such
		// application.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Application application = a.bean(EurekaClient.class).getApplication(SERVICE);
			assertThat(application).as("the application in node-a's Eureka registry").isNotNull();
			assertThat(application.getInstances()).anySatisfy((instance) -> assertThat(instance.getMetadata())
				.containsEntry("tcpnet-port", Integer.toString(b.tcpnet().localNode().port()))
				.containsEntry("tcpnet-node-id", "node-b"));
		});
		assertThat(a.bean(SpringCloudPeerDiscovery.class).details()).containsEntry("serviceId", SERVICE);
	}

	private int startEurekaServer() {
		ConfigurableApplicationContext server = new SpringApplicationBuilder(EurekaServer.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--spring.application.name=eureka", "--spring.main.banner-mode=off",
				"--spring.cloud.compatibility-verifier.enabled=false", "--tcpnet.enabled=false",
				"--eureka.client.register-with-eureka=false", "--eureka.client.fetch-registry=false",
				"--eureka.server.use-read-only-response-cache=false", "--eureka.server.enable-self-preservation=false",
				"--eureka.server.wait-time-in-ms-when-sync-empty=0", "--eureka.instance.hostname=127.0.0.1",
				"--eureka.client.service-url.defaultZone=http://127.0.0.1:1/eureka/");
		this.running.add(server::close);
		return Integer.parseInt(server.getEnvironment().getProperty("local.server.port", "0"));
	}

	private WebNode startNode(int eurekaPort, String nodeId) {
		WebNode node = WebNode.start("spring.application.name=" + SERVICE, "tcpnet.node-id=" + nodeId,
				"tcpnet.cluster=" + SERVICE, "tcpnet.discovery.spring-cloud.service-id=" + SERVICE,
				"tcpnet.discovery.spring-cloud.refresh-interval=500ms",
				"eureka.client.service-url.defaultZone=http://127.0.0.1:" + eurekaPort + "/eureka/",
				"eureka.instance.prefer-ip-address=true", "eureka.instance.ip-address=127.0.0.1",
				"eureka.instance.hostname=127.0.0.1", "eureka.instance.instance-id=" + nodeId,
				"eureka.client.registry-fetch-interval-seconds=1",
				"eureka.instance.lease-renewal-interval-in-seconds=1",
				"eureka.client.instance-info-replication-interval-seconds=1",
				"eureka.client.initial-instance-info-replication-interval-seconds=1",
				// The server's Jersey is on this classpath too: the client uses
				// RestClient,
				// as it does in an application without the server
				"eureka.client.jersey.enabled=false");
		this.running.add(node);
		return node;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableEurekaServer
	static class EurekaServer {

	}

}
