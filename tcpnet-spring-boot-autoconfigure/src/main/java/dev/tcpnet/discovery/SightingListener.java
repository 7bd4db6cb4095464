package dev.tcpnet.discovery;

/**
 * Receives the sightings of a {@link PeerDiscovery}.
 */
@FunctionalInterface
public interface SightingListener {

	/**
	 * Called when a mechanism sees a node that may be a peer. Must return quickly.
	 * @param sighting what was seen
	 */
	void sighted(Sighting sighting);

}
