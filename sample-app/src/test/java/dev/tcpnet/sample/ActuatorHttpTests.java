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

package dev.tcpnet.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tcpnet.Tcpnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two sample nodes in this JVM, over real HTTP: the tcpnet endpoint's JSON, its 404,
 * health, and the Prometheus scrape.
 */
class ActuatorHttpTests {

	private final String cluster = "http-" + UUID.randomUUID().toString().substring(0, 8);

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private ConfigurableApplicationContext alpha;

	@BeforeEach
	void startTwoNodes() {
		this.alpha = start("alpha");
		int alphaPort = this.alpha.getBean(Tcpnet.class).localNode().port();
		start("bravo", "--tcpnet.discovery.static.peers=127.0.0.1:" + alphaPort);
		await().untilAsserted(() -> assertThat(this.alpha.getBean(Tcpnet.class).peers()).hasSize(1));
	}

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void tcpnetEndpointReturnsTheDocumentedFields() throws Exception {
		HttpResponse<String> response = get("/actuator/tcpnet");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).contains("json"));
		assertThat(response.body()).contains("\"nodeId\":\"alpha\"", "\"cluster\":\"" + this.cluster + "\"",
				"\"port\":", "\"addresses\":[\"127.0.0.1\"]", "\"discovery\":", "\"mechanism\":\"mdns\"",
				"\"peerCount\":1", "\"peers\":[{\"nodeId\":\"bravo\"", "\"address\":\"127.0.0.1\"", "\"direction\":",
				"\"connectedSince\":\"20", "\"lastSeen\":\"20", "\"messagesIn\":", "\"messagesOut\":", "\"bytesIn\":",
				"\"bytesOut\":");
	}

	@Test
	void onePeerByIdAnd404WhenUnknown() throws Exception {
		assertThat(get("/actuator/tcpnet/bravo").body()).contains("\"nodeId\":\"bravo\"");
		assertThat(get("/actuator/tcpnet/nobody").statusCode()).isEqualTo(404);
	}

	@Test
	void healthHasATcpnetComponent() throws Exception {
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.body()).contains("\"tcpnet\":{").contains("\"peers\":1");
	}

	@Test
	void prometheusScrapeReadsThePeerCount() throws Exception {
		await().untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
			.containsPattern("(?m)^tcpnet_peers(\\{[^}]*\\})? 1\\.0$"));
		assertThat(get("/actuator/prometheus").body()).contains("tcpnet_messages_sent_total",
				"tcpnet_connections_closed_total{reason=\"left\"", "tcpnet_handshakes_rejected_total{reason=\"auth\"");
	}

	private HttpResponse<String> get(String path) throws Exception {
		int port = ((WebServerApplicationContext) this.alpha).getWebServer().getPort();
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private ConfigurableApplicationContext start(String nodeId, String... more) {
		List<String> args = new ArrayList<>(List.of("--tcpnet.node-id=" + nodeId, "--tcpnet.cluster=" + this.cluster,
				"--tcpnet.server.address=127.0.0.1", "--tcpnet.discovery.mdns.interfaces=127.0.0.1",
				"--server.address=127.0.0.1", "--server.port=0", "--spring.main.banner-mode=off"));
		args.addAll(List.of(more));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.run(args.toArray(String[]::new));
		this.nodes.add(context);
		return context;
	}

}
