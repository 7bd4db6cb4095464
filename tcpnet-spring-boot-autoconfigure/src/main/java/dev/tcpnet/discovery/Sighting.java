package dev.tcpnet.discovery;

import java.net.InetSocketAddress;
import java.util.List;

import dev.tcpnet.peer.NodeId;
import org.jspecify.annotations.Nullable;

/**
 * A hint that a node may accept connections at some addresses.
 *
 * @param mechanism the name of the mechanism that saw it
 * @param nodeId the node's id when the mechanism knows it (mDNS does, static seeds do
 * not)
 * @param addresses where the node may accept connections, best first; never empty
 */
public record Sighting(String mechanism, @Nullable NodeId nodeId, List<InetSocketAddress> addresses) {

	public Sighting {
		addresses = List.copyOf(addresses);
		if (addresses.isEmpty()) {
			throw new IllegalArgumentException("A sighting needs at least one address");
		}
	}

}
