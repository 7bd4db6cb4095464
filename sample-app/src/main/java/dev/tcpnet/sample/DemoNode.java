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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.event.TcpnetStartedEvent;
import dev.tcpnet.peer.Peer;

/**
 * The demo of the node original: every second, write a message to every connected node;
 * log what arrives and who comes and goes.
 */
@Component
class DemoNode {

	static final String TOPIC = "demo";

	private static final Logger logger = LoggerFactory.getLogger(DemoNode.class);

	private final Tcpnet tcpnet;

	DemoNode(Tcpnet tcpnet) {
		this.tcpnet = tcpnet;
	}

	@Scheduled(fixedRate = 1000, initialDelay = 1000)
	void writeToAll() {
		String text = "message from " + this.tcpnet.localNode().nodeId();
		int written = this.tcpnet.broadcast(TOPIC, text);
		logger.info("write to {} nodes", written);
	}

	@EventListener
	void started(TcpnetStartedEvent event) {
		logger.info("started as {} in cluster '{}', tcpnet port {}", event.getLocalNode().nodeId(),
				event.getLocalNode().cluster(), event.getPort());
	}

	@EventListener
	void webServerStarted(WebServerInitializedEvent event) {
		int port = event.getWebServer().getPort();
		String address = event.getApplicationContext().getEnvironment().getProperty("server.address");
		logger.info("actuator on http port {}, live page http://{}:{}/", port, browsableHost(address), port);
	}

	private static String browsableHost(String address) {
		if (address == null || address.isBlank() || address.equals("0.0.0.0") || address.equals("::")) {
			return "localhost";
		}
		return address.contains(":") ? "[" + address + "]" : address;
	}

	@EventListener
	void connected(PeerConnectedEvent event) {
		Peer peer = event.getPeer();
		logger.info("connected to {} ({}, {})", peer.nodeId(), peer.direction(), peer.listenAddress());
	}

	@EventListener
	void disconnected(PeerDisconnectedEvent event) {
		logger.info("disconnected from {} ({})", event.getPeer().nodeId(), event.getReason());
	}

	@EventListener
	void received(PeerMessageEvent event) {
		if (TOPIC.equals(event.getTopic())) {
			logger.info("{}", event.getPayloadAsString());
		}
	}

}
