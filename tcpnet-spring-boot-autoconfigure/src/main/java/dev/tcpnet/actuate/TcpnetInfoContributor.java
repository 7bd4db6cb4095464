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

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.registry.PeerRegistry;

/**
 * Puts this node into {@code /actuator/info} under {@code tcpnet}: its node id, cluster
 * and how many peers are connected. Before the node has started, only the peer count.
 *
 * @since 0.1.0
 */
public class TcpnetInfoContributor implements InfoContributor {

	private final Tcpnet tcpnet;

	private final PeerRegistry registry;

	/**
	 * Creates the contributor.
	 * @param tcpnet the node
	 * @param registry its peers
	 */
	public TcpnetInfoContributor(Tcpnet tcpnet, PeerRegistry registry) {
		this.tcpnet = tcpnet;
		this.registry = registry;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> details = new LinkedHashMap<>();
		try {
			LocalNode node = this.tcpnet.localNode();
			details.put("nodeId", node.nodeId().value());
			details.put("cluster", node.cluster());
		}
		catch (IllegalStateException ex) {
			// Not started yet (or stopped): the info endpoint must answer all the same.
		}
		details.put("peers", this.registry.size());
		builder.withDetail("tcpnet", details);
	}

}
