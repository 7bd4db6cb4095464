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

import java.util.function.BooleanSupplier;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.tcpnet.registry.PeerRegistry;

/**
 * Health of the node's membership in the mesh.
 * <ul>
 * <li>{@code DOWN} while the node is not running (acceptor not bound, discovery not
 * started).</li>
 * <li>{@code OUT_OF_SERVICE} while fewer than {@code tcpnet.health.min-peers} peers are
 * connected: the node works but is not (yet) part of a large enough cluster. Spring Boot
 * maps this status to HTTP 503, so a readiness group that includes {@code tcpnet} keeps
 * traffic away until the cluster has formed, without reporting the node as broken.</li>
 * <li>{@code UP} otherwise.</li>
 * </ul>
 * Details: the peer count and the minimum.
 *
 * @since 0.1.0
 */
public class TcpnetHealthIndicator extends AbstractHealthIndicator {

	private final PeerRegistry registry;

	private final BooleanSupplier running;

	private final int minPeers;

	/**
	 * Creates the indicator.
	 * @param registry the connected peers
	 * @param running whether the node is running: acceptor bound and discovery started
	 * @param minPeers the fewest connected peers for {@code UP}
	 */
	public TcpnetHealthIndicator(PeerRegistry registry, BooleanSupplier running, int minPeers) {
		super("tcpnet health check failed");
		this.registry = registry;
		this.running = running;
		this.minPeers = minPeers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		int peers = this.registry.size();
		builder.withDetail("peers", peers).withDetail("minPeers", this.minPeers);
		if (!this.running.getAsBoolean()) {
			builder.down();
		}
		else if (peers < this.minPeers) {
			builder.status(Status.OUT_OF_SERVICE);
		}
		else {
			builder.up();
		}
	}

}
