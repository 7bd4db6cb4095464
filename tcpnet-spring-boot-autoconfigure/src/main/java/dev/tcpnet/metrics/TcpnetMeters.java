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

package dev.tcpnet.metrics;

/**
 * The names of tcpnet's meters and tags, in one place. Tags stay low-cardinality: never a
 * node id.
 *
 * @since 0.1.0
 */
public final class TcpnetMeters {

	/** Gauge: connected peers. */
	public static final String PEERS = "tcpnet.peers";

	/**
	 * Gauge: the longest heartbeat round-trip time among connected peers, in seconds (NaN
	 * before any was measured). One value, not one per peer: tags never hold node ids;
	 * the endpoint shows each peer's.
	 */
	public static final String RTT_MAX = "tcpnet.heartbeat.rtt.max";

	/**
	 * Gauge: connected peers by what their connection runs on, tagged {@link #TRANSPORT}.
	 */
	public static final String PEERS_BY_TRANSPORT = "tcpnet.peers.transport";

	/**
	 * Counter: connections established, tagged {@link #DIRECTION} and {@link #TRANSPORT}.
	 */
	public static final String CONNECTIONS_OPENED = "tcpnet.connections.opened";

	/** Counter: connections closed, tagged {@link #REASON} and {@link #TRANSPORT}. */
	public static final String CONNECTIONS_CLOSED = "tcpnet.connections.closed";

	/** Counter: handshakes this node refused, tagged {@link #REASON}. */
	public static final String HANDSHAKES_REJECTED = "tcpnet.handshakes.rejected";

	/** Counter: messages given up, tagged {@link #REASON}. */
	public static final String MESSAGES_DROPPED = "tcpnet.messages.dropped";

	/** Counter: messages the peers acknowledged. */
	public static final String MESSAGES_SENT = "tcpnet.messages.sent";

	/** Counter: messages received from peers. */
	public static final String MESSAGES_RECEIVED = "tcpnet.messages.received";

	/** Counter: payload bytes of the messages the peers acknowledged. */
	public static final String BYTES_SENT = "tcpnet.bytes.sent";

	/** Counter: payload bytes received from peers. */
	public static final String BYTES_RECEIVED = "tcpnet.bytes.received";

	/** Counter: sightings reported by discovery, tagged {@link #MECHANISM}. */
	public static final String DISCOVERY_SIGHTINGS = "tcpnet.discovery.sightings";

	/** Gauge: messages sent and not acknowledged yet, all peers together. */
	public static final String BUFFER_MESSAGES = "tcpnet.buffer.messages";

	/**
	 * Gauge: payload bytes of the messages sent and not acknowledged yet, all peers
	 * together.
	 */
	public static final String BUFFER_BYTES = "tcpnet.buffer.bytes";

	/** Gauge: bytes queued for the sockets, not written yet. */
	public static final String OUTBOUND_BYTES = "tcpnet.outbound.bytes";

	/** Gauge: events waiting for the application's listeners. */
	public static final String EVENTS_PENDING = "tcpnet.events.pending";

	/** Gauge: connections not read from while the application catches up. */
	public static final String READS_PAUSED = "tcpnet.reads.paused";

	/** Tag: {@code inbound} or {@code outbound}. */
	public static final String DIRECTION = "direction";

	/** Tag: {@code tcp}, or {@code unix} for a Unix-domain socket. */
	public static final String TRANSPORT = "transport";

	/** Tag: why, in lower case. */
	public static final String REASON = "reason";

	/** Tag: the discovery mechanism ({@code mdns}, {@code static}, …). */
	public static final String MECHANISM = "mechanism";

	private TcpnetMeters() {
	}

}
