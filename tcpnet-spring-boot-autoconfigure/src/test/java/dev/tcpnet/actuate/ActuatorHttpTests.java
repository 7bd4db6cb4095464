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

package dev.tcpnet.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import dev.tcpnet.Tcpnet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint and the info contribution over real HTTP, in an application whose own JSON
 * settings differ from Actuator's: the endpoint's JSON does not change with
 * {@code spring.jackson.*}.
 */
class ActuatorHttpTests {

	private ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void start() {
		this.context = new SpringApplicationBuilder(WebApp.class).web(WebApplicationType.SERVLET)
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
					"--management.endpoints.web.exposure.include=tcpnet,info",
					"--spring.jackson.property-naming-strategy=SNAKE_CASE", "--tcpnet.server.address=127.0.0.1",
					"--tcpnet.discovery.mdns.interfaces=127.0.0.1", "--tcpnet.cluster=http-tests");
	}

	@AfterEach
	void stop() {
		this.context.close();
	}

	@Test
	void theApplicationsJsonSettingsApplyToItsOwnJson() {
		String json = this.context.getBean(JsonMapper.class).writeValueAsString(Map.of("x", new Sample(1)));
		assertThat(json).contains("\"peer_count\"");
	}

	@Test
	void endpointJsonIsActuatorsWhateverSpringJacksonSays() throws Exception {
		String json = get("/actuator/tcpnet");
		String nodeId = this.context.getBean(Tcpnet.class).localNode().nodeId().value();
		assertThat(json).contains("\"nodeId\":\"" + nodeId + "\"", "\"peerCount\":0", "\"messagesIn\":0")
			.doesNotContain("node_id", "peer_count");
		assertThat(json).contains(
				"\"discovery\":[{\"mechanism\":\"mdns\",\"details\":{\"interfaces\":[\"127.0.0.1\"],\"serviceType\":\"_tcpnet._tcp.local.\"}}]");
	}

	@Test
	void infoShowsNodeIdClusterAndPeerCount() throws Exception {
		String nodeId = this.context.getBean(Tcpnet.class).localNode().nodeId().value();
		assertThat(get("/actuator/info"))
			.contains("\"tcpnet\":{\"nodeId\":\"" + nodeId + "\",\"cluster\":\"http-tests\",\"peers\":0}");
	}

	private String get(String path) throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	record Sample(int peerCount) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApp {

	}

}
