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

import java.net.InetAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.PeerPressure;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.registry.PeerStatistics;
import dev.tcpnet.registry.TcpnetCounters;

/**
 * The {@code tcpnet} endpoint: this node, the discovery in use and the connected peers
 * with their traffic. {@code /actuator/tcpnet/{nodeId}} shows one peer (404 when
 * unknown). Shows no secret or credential. Its descriptors are
 * {@link OperationResponseBody operation response bodies}: Actuator serializes them with
 * its own mapper, whatever {@code spring.jackson.*} says.
 *
 * @since 0.1.0
 */
@Endpoint(id = "tcpnet")
public class TcpnetEndpoint {

	private final Tcpnet tcpnet;

	private final PeerRegistry registry;

	private final List<PeerDiscovery> discoveries;

	public TcpnetEndpoint(Tcpnet tcpnet, PeerRegistry registry, List<PeerDiscovery> discoveries) {
		this.tcpnet = tcpnet;
		this.registry = registry;
		this.discoveries = List.copyOf(discoveries);
	}

	@ReadOperation
	public NodeDescriptor node() {
		LocalNode node = this.tcpnet.localNode();
		List<PeerDescriptor> peers = this.registry.peers().stream().map(this::describe).toList();
		TcpnetCounters counters = this.registry.counters();
		return new NodeDescriptor(node.nodeId().value(), node.cluster(), node.incarnation(), node.port(),
				node.addresses().stream().map(InetAddress::getHostAddress).toList(), discovery(), peers.size(), peers,
				new Totals(counters.messagesReceived(), counters.messagesSent(), counters.bytesReceived(),
						counters.bytesSent()));
	}

	@ReadOperation
	public @Nullable PeerDescriptor peer(@Selector String nodeId) {
		try {
			return this.registry.peer(NodeId.of(nodeId)).map(this::describe).orElse(null);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private List<DiscoveryDescriptor> discovery() {
		return this.discoveries.stream()
			.map((discovery) -> new DiscoveryDescriptor(discovery.mechanism(), discovery.details()))
			.toList();
	}

	private PeerDescriptor describe(Peer peer) {
		PeerStatistics statistics = this.registry.statistics(peer.nodeId())
			.orElse(new PeerStatistics(0, 0, 0, 0, peer.connectedAt(), null));
		PeerPressure pressure = this.registry.pressure(peer.nodeId()).orElse(new PeerPressure(0, 0, 0, false));
		return new PeerDescriptor(peer.nodeId().value(), peer.remoteAddress().getAddress().getHostAddress(),
				peer.listenPort(), peer.transport(), peer.direction().name(), peer.connectedAt(), statistics.lastSeen(),
				statistics.rttMillis(), statistics.messagesIn(), statistics.messagesOut(), statistics.bytesIn(),
				statistics.bytesOut(), pressure.bufferedMessages(), pressure.bufferedBytes(), pressure.outboundBytes(),
				pressure.readsPaused(), peer.metadata());
	}

	/**
	 * This node as the endpoint shows it.
	 *
	 * @param nodeId this node's id
	 * @param cluster the cluster name
	 * @param incarnation this node's incarnation, new at every start
	 * @param port the bound tcpnet port
	 * @param addresses the addresses this node is reachable on
	 * @param discovery each discovery mechanism's state
	 * @param peerCount how many peers are connected
	 * @param peers the connected peers
	 * @param totals the traffic since this node started
	 */
	public record NodeDescriptor(String nodeId, String cluster, long incarnation, int port, List<String> addresses,
			List<DiscoveryDescriptor> discovery, int peerCount, List<PeerDescriptor> peers,
			Totals totals) implements OperationResponseBody {
	}

	/**
	 * One discovery mechanism as the endpoint shows it.
	 *
	 * @param mechanism the mechanism's name ({@code mdns}, {@code static}, {@code dns} …)
	 * @param details what it runs on: interfaces, seeds, names (never a secret), by name
	 */
	public record DiscoveryDescriptor(String mechanism, Map<String, Object> details) {

		public DiscoveryDescriptor {
			// Sorted: the same JSON at every call, whatever map the mechanism made.
			details = Collections.unmodifiableMap(new TreeMap<>(details));
		}

	}

	/**
	 * One connected peer as the endpoint shows it; byte counts are payload bytes.
	 *
	 * @param nodeId the peer's node id
	 * @param address the peer's remote address
	 * @param port the peer's tcpnet port
	 * @param transport what the connection runs on: {@code tcp}, or {@code unix} for a
	 * Unix-domain socket to a node of this host
	 * @param direction {@code INBOUND} or {@code OUTBOUND}
	 * @param connectedSince when the connection was made
	 * @param lastSeen when the peer was last heard from
	 * @param rttMillis the last measured round trip, or {@code null} before the first
	 * @param messagesIn messages received from the peer
	 * @param messagesOut messages sent to the peer
	 * @param bytesIn payload bytes received from the peer
	 * @param bytesOut payload bytes sent to the peer
	 * @param bufferedMessages messages sent to the peer and not acknowledged yet
	 * @param bufferedBytes payload bytes of those
	 * @param outboundBytes bytes queued for the peer's socket
	 * @param readsPaused whether reading from the peer is paused while the application
	 * catches up
	 * @param metadata what the peer says about itself (its {@code tcpnet.metadata.*} and
	 * HTTP port)
	 */
	public record PeerDescriptor(String nodeId, String address, int port, String transport, String direction,
			Instant connectedSince, Instant lastSeen, @Nullable Long rttMillis, long messagesIn, long messagesOut,
			long bytesIn, long bytesOut, long bufferedMessages, long bufferedBytes, long outboundBytes,
			boolean readsPaused, Map<String, String> metadata) implements OperationResponseBody {
	}

	/**
	 * Traffic since this node started.
	 *
	 * @param messagesIn messages received
	 * @param messagesOut messages sent
	 * @param bytesIn payload bytes received
	 * @param bytesOut payload bytes sent
	 */
	public record Totals(long messagesIn, long messagesOut, long bytesIn, long bytesOut) {
	}

}
