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

package dev.tcpnet.discovery;

import java.util.Map;

import dev.tcpnet.peer.LocalNode;

/**
 * A discovery mechanism: advertises this node and reports sightings of other nodes.
 *
 * <p>
 * A sighting only says "a node may be at this address". The mesh dials it; the handshake
 * and the connection decide whether the node is there and alive. Mechanisms compose:
 * every {@code PeerDiscovery} bean runs.
 *
 * @since 0.1.0
 */
public interface PeerDiscovery {

	/**
	 * Returns the mechanism's short name, used in sightings, logs and metrics tags (for
	 * example {@code mdns} or {@code static}).
	 * @return the mechanism name
	 */
	String mechanism();

	/**
	 * Starts advertising this node and reporting sightings. Must not block for long: slow
	 * work belongs on the mechanism's own threads.
	 * @param self this node, with its bound port
	 * @param listener where to report sightings; may be called from any thread
	 */
	void start(LocalNode self, SightingListener listener);

	/**
	 * Describes what the mechanism uses, for diagnostics (the Actuator endpoint): for
	 * example the interfaces mDNS runs on. Values must be JSON-friendly and hold no
	 * credentials.
	 * @return a description, empty by default
	 */
	default Map<String, Object> details() {
		return Map.of();
	}

	/**
	 * Stops advertising and reporting. May block (closing JmDNS takes about two seconds);
	 * the bootstrap calls it off the thread that stops the application context.
	 */
	void stop();

}
