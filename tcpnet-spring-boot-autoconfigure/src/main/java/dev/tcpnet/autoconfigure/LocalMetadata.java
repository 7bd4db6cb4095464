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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.core.env.Environment;

import dev.tcpnet.peer.Peer;

/**
 * This node's metadata as it goes into each handshake and the mDNS TXT record: the
 * configured entries, and the web server's port under {@link Peer#HTTP_PORT}.
 *
 * <p>
 * Read at each use rather than once: the web server binds its port (perhaps an ephemeral
 * one) only when it starts, and Boot publishes it as {@code local.server.port} then.
 */
final class LocalMetadata implements Supplier<Map<String, String>> {

	static final String LOCAL_SERVER_PORT = "local.server.port";

	private final Map<String, String> configured;

	private final Environment environment;

	LocalMetadata(Map<String, String> configured, Environment environment) {
		this.configured = Collections.unmodifiableMap(new LinkedHashMap<>(configured));
		this.environment = environment;
	}

	@Override
	public Map<String, String> get() {
		Map<String, String> metadata = new LinkedHashMap<>();
		String httpPort = this.environment.getProperty(LOCAL_SERVER_PORT);
		// A port set by hand wins: behind a proxy it is not the bound one
		if (httpPort != null && !this.configured.containsKey(Peer.HTTP_PORT)) {
			metadata.put(Peer.HTTP_PORT, httpPort);
		}
		metadata.putAll(this.configured);
		return metadata;
	}

}
