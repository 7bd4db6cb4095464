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
