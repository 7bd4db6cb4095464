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

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalMetadata}.
 */
class LocalMetadataTests {

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void withoutWebServerTheMetadataIsTheConfiguredEntries() {
		LocalMetadata metadata = new LocalMetadata(Map.of("zone", "a"), this.environment);
		assertThat(metadata.get()).containsExactly(Map.entry("zone", "a"));
	}

	@Test
	void theWebServersPortIsReadAtEachUseOnceItIsBound() {
		LocalMetadata metadata = new LocalMetadata(Map.of("zone", "a"), this.environment);
		assertThat(metadata.get()).doesNotContainKey("http-port");
		this.environment.setProperty("local.server.port", "54321");
		assertThat(metadata.get()).containsEntry("http-port", "54321").containsEntry("zone", "a");
	}

	@Test
	void anHttpPortSetByHandWins() {
		Map<String, String> configured = new LinkedHashMap<>();
		configured.put("http-port", "443");
		this.environment.setProperty("local.server.port", "54321");
		assertThat(new LocalMetadata(configured, this.environment).get())
			.containsExactly(Map.entry("http-port", "443"));
	}

}
