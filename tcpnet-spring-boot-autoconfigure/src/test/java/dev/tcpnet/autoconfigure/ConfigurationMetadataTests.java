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

package dev.tcpnet.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the configuration metadata the annotation processor generated: every tcpnet
 * property must be documented, and those with a default must say it.
 */
class ConfigurationMetadataTests {

	private static final List<String> WITHOUT_DEFAULT = List.of("tcpnet.cluster", "tcpnet.node-id",
			"tcpnet.discovery.mdns.interfaces", "tcpnet.discovery.static.peers", "tcpnet.security.secret",
			"tcpnet.security.secret-file", "tcpnet.ssl.bundle", "tcpnet.discovery.dns.name",
			"tcpnet.discovery.dns.server", "tcpnet.reconnect.give-up-after", "tcpnet.heartbeat.write-timeout",
			"tcpnet.metadata", "tcpnet.server.unix-socket.directory");

	@Test
	void everyPropertyHasADescriptionAndItsDefault() throws IOException {
		List<Map<String, Object>> properties = properties();
		assertThat(properties).extracting((p) -> p.get("name"))
			.contains("tcpnet.enabled", "tcpnet.discovery.static.peers", "tcpnet.health.min-peers");
		for (Map<String, Object> property : properties) {
			assertThat((String) property.get("description")).as("description of %s", property.get("name")).isNotBlank();
			if (!WITHOUT_DEFAULT.contains(property.get("name"))) {
				assertThat(property.get("defaultValue")).as("default of %s", property.get("name")).isNotNull();
			}
		}
	}

	private static List<Map<String, Object>> properties() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return JsonPath.read(json, "$.properties[?(@.name =~ /tcpnet\\..*/)]");
		}
	}

}
