package dev.tcpnet.registry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What has crossed the connection to one peer since it connected. Byte counts are payload
 * bytes.
 *
 * @param messagesIn messages received from the peer
 * @param messagesOut messages written to the peer
 * @param bytesIn payload bytes received from the peer
 * @param bytesOut payload bytes written to the peer
 * @param lastSeen when the peer was last heard from
 * @param rttMillis the last measured round-trip time, when known
 */
public record PeerStatistics(long messagesIn, long messagesOut, long bytesIn, long bytesOut, Instant lastSeen,
		@Nullable Long rttMillis) {
}
