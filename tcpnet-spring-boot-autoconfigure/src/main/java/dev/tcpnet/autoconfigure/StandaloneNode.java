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

import java.net.InetSocketAddress;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.tcpnet.context.TcpnetBootstrap;
import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.registry.DefaultPeerRegistry;

/**
 * Starts and stops the mesh of a stand-alone node ({@code tcpnet.enabled=false}) with the
 * application context: no acceptor, no discovery, no {@code TcpnetStartedEvent} (there is
 * no port to tell).
 */
final class StandaloneNode implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(StandaloneNode.class);

	private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(5);

	private final Mesh mesh;

	private final DefaultPeerRegistry registry;

	private volatile boolean running;

	StandaloneNode(Mesh mesh, DefaultPeerRegistry registry) {
		this.mesh = mesh;
		this.registry = registry;
	}

	Mesh mesh() {
		return this.mesh;
	}

	@Override
	public void start() {
		LocalNode node = this.mesh.start(new InetSocketAddress(0));
		logger.info("tcpnet is disabled (tcpnet.enabled=false): node {} of cluster '{}' runs alone, "
				+ "with no socket and no discovery", node.nodeId(), node.cluster());
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.mesh.leave();
		this.registry.close(EVENTS_TIMEOUT);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return TcpnetBootstrap.PHASE;
	}

}
