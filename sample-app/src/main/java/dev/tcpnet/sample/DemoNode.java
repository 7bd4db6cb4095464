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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.tcpnet.Broadcast;
import dev.tcpnet.Tcpnet;
import dev.tcpnet.TcpnetListener;
import dev.tcpnet.TcpnetRequestHandler;
import dev.tcpnet.bus.ClusterEvent;
import dev.tcpnet.bus.ClusterEvents;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.event.TcpnetStartedEvent;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;

/**
 * The demo of the node original: every second, write a message (a record, as JSON) to
 * every node; log what arrives and who comes and goes. Every ten seconds, ask one peer
 * for its status (a typed request and reply). When it meets a peer, say hello to the
 * cluster with a cluster event: an application event that reaches every node.
 */
@Component
class DemoNode {

	static final String TOPIC = "demo";

	static final String STATUS = "demo-status";

	private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(DemoNode.class);

	private final Tcpnet tcpnet;

	private final ApplicationEventPublisher publisher;

	private final Instant startedAt = Instant.now();

	DemoNode(Tcpnet tcpnet, ApplicationEventPublisher publisher) {
		this.tcpnet = tcpnet;
		this.publisher = publisher;
	}

	@Scheduled(fixedRate = 1000, initialDelay = 1000)
	void writeToAll() {
		NodeId self = this.tcpnet.localNode().nodeId();
		Broadcast written = this.tcpnet.broadcast(TOPIC, new DemoMessage(self.value(), "message from " + self));
		logger.info("write to {} nodes", written.size());
	}

	@TcpnetListener(TOPIC)
	void received(DemoMessage message) {
		logger.info("{}", message.text());
	}

	@Scheduled(fixedRate = 10_000, initialDelay = 5_000)
	void askOnePeer() {
		List<Peer> peers = this.tcpnet.peers();
		if (peers.isEmpty()) {
			return;
		}
		Peer peer = peers.get(ThreadLocalRandom.current().nextInt(peers.size()));
		this.tcpnet.request(peer.nodeId(), STATUS, new StatusRequest(this.startedAt), NodeStatus.class, STATUS_TIMEOUT)
			.whenComplete((status, failure) -> {
				if (failure != null) {
					logger.info("no status from {}: {}", peer.nodeId(), failure.getMessage());
				}
				else {
					logger.info("status of {}: up {} s, peers: {}", status.nodeId(), status.uptimeSeconds(),
							status.peers());
				}
			});
	}

	@TcpnetRequestHandler(STATUS)
	NodeStatus status(StatusRequest request, Peer from) {
		logger.debug("{} asks for the status (it started at {})", from.nodeId(), request.askerStartedAt());
		long uptime = Duration.between(this.startedAt, Instant.now()).toSeconds();
		return new NodeStatus(this.tcpnet.localNode().nodeId().value(), this.tcpnet.peers().size(), uptime);
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
		if (!event.isReconnect()) {
			// An ordinary application event: tcpnet sends it to every peer because its
			// type is marked @ClusterEvent.
			this.publisher
				.publishEvent(new NodeHello(this.tcpnet.localNode().nodeId().value(), this.tcpnet.peers().size()));
		}
	}

	@EventListener
	void hello(PayloadApplicationEvent<NodeHello> event) {
		if (ClusterEvents.isRemote(event)) {
			NodeHello hello = event.getPayload();
			logger.info("cluster event: {} says hello (it sees {} peers)", hello.nodeId(), hello.peers());
		}
	}

	@EventListener
	void disconnected(PeerDisconnectedEvent event) {
		logger.info("disconnected from {} ({})", event.getPeer().nodeId(), event.getReason());
	}

	/**
	 * What every node writes each second.
	 *
	 * @param sender the writer's node id
	 * @param text the text logged
	 */
	record DemoMessage(String sender, String text) {
	}

	/**
	 * A node says hello to the cluster: published locally, delivered to every peer.
	 *
	 * @param nodeId the node's id
	 * @param peers how many peers it had when it said it
	 */
	@ClusterEvent
	record NodeHello(String nodeId, int peers) {
	}

	/**
	 * Asks a peer for its status.
	 *
	 * @param askerStartedAt when the asking node started
	 */
	record StatusRequest(Instant askerStartedAt) {
	}

	/**
	 * A node's answer.
	 *
	 * @param nodeId its node id
	 * @param peers how many peers it has
	 * @param uptimeSeconds how long it has run
	 */
	record NodeStatus(String nodeId, int peers, long uptimeSeconds) {
	}

}
