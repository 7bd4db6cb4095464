package dev.tcpnet.actuate;

import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.registry.PeerStatistics;
import dev.tcpnet.registry.TcpnetCounters;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code tcpnet} endpoint: this node, the discovery in use and the connected peers
 * with their traffic. {@code /actuator/tcpnet/{nodeId}} shows one peer (404 when
 * unknown). Shows no secret or credential.
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

	private List<Map<String, Object>> discovery() {
		return this.discoveries.stream().map((discovery) -> {
			Map<String, Object> description = new LinkedHashMap<>();
			description.put("mechanism", discovery.mechanism());
			description.putAll(discovery.details());
			return description;
		}).toList();
	}

	private PeerDescriptor describe(Peer peer) {
		PeerStatistics statistics = this.registry.statistics(peer.nodeId())
			.orElse(new PeerStatistics(0, 0, 0, 0, peer.connectedAt(), null));
		return new PeerDescriptor(peer.nodeId().value(), peer.remoteAddress().getAddress().getHostAddress(),
				peer.listenPort(), peer.direction().name(), peer.connectedAt(), statistics.lastSeen(),
				statistics.rttMillis(), statistics.messagesIn(), statistics.messagesOut(), statistics.bytesIn(),
				statistics.bytesOut());
	}

	/**
	 * This node as the endpoint shows it.
	 */
	public record NodeDescriptor(String nodeId, String cluster, long incarnation, int port, List<String> addresses,
			List<Map<String, Object>> discovery, int peerCount, List<PeerDescriptor> peers, Totals totals) {
	}

	/**
	 * One connected peer as the endpoint shows it; byte counts are payload bytes.
	 */
	public record PeerDescriptor(String nodeId, String address, int port, String direction, Instant connectedSince,
			Instant lastSeen, @Nullable Long rttMillis, long messagesIn, long messagesOut, long bytesIn,
			long bytesOut) {
	}

	/**
	 * Traffic since this node started.
	 */
	public record Totals(long messagesIn, long messagesOut, long bytesIn, long bytesOut) {
	}

}
