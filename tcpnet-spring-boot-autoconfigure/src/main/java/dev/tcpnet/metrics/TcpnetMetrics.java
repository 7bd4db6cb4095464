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

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.registry.PeerStatistics;
import dev.tcpnet.registry.TcpnetCounters;

/**
 * Binds tcpnet's meters ({@link TcpnetMeters}) to a registry. Every meter reads the peer
 * registry's counters, so nothing is counted twice and nothing is counted when no meter
 * registry is present.
 *
 * @since 0.1.0
 */
public class TcpnetMetrics implements MeterBinder {

	/** Rejection reasons registered up front, so that dashboards see zeros, not gaps. */
	private static final List<String> REJECT_REASONS = List.of("magic", "version", "cluster", "auth", "timeout",
			"limit", "protocol", "conflict", "stale");

	/** What connections run on ({@code Connection.transport()}), one meter each. */
	private static final List<String> TRANSPORTS = List.of("tcp", "unix");

	private final PeerRegistry registry;

	private final List<String> mechanisms;

	/**
	 * Creates the binder.
	 * @param registry the peer registry whose counters the meters read
	 * @param mechanisms the discovery mechanisms in use, one sightings counter each
	 */
	public TcpnetMetrics(PeerRegistry registry, List<String> mechanisms) {
		this.registry = registry;
		this.mechanisms = List.copyOf(mechanisms);
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		TcpnetCounters counters = this.registry.counters();
		Gauge.builder(TcpnetMeters.PEERS, this.registry, PeerRegistry::size)
			.description("Connected peers")
			.register(meters);
		Gauge.builder(TcpnetMeters.RTT_MAX, this.registry, TcpnetMetrics::longestRoundTrip)
			.description("Longest heartbeat round-trip time among connected peers")
			.baseUnit("seconds")
			.register(meters);
		for (String transport : TRANSPORTS) {
			Gauge.builder(TcpnetMeters.PEERS_BY_TRANSPORT, this.registry, (r) -> peersOver(r, transport))
				.description("Connected peers by transport")
				.tag(TcpnetMeters.TRANSPORT, transport)
				.register(meters);
		}
		bindPressure(meters);
		for (String transport : TRANSPORTS) {
			bindConnections(meters, counters, transport);
		}
		for (String reason : REJECT_REASONS) {
			counter(TcpnetMeters.HANDSHAKES_REJECTED, "Handshakes this node refused", counters,
					(c) -> c.handshakesRejected(reason))
				.tag(TcpnetMeters.REASON, reason)
				.register(meters);
		}
		for (String mechanism : this.mechanisms) {
			counter(TcpnetMeters.DISCOVERY_SIGHTINGS, "Sightings reported by discovery", counters,
					(c) -> c.sightings(mechanism))
				.tag(TcpnetMeters.MECHANISM, mechanism)
				.register(meters);
		}
		for (MessageDroppedEvent.Reason reason : MessageDroppedEvent.Reason.values()) {
			counter(TcpnetMeters.MESSAGES_DROPPED, "Messages given up", counters, (c) -> c.messagesDropped(reason))
				.tag(TcpnetMeters.REASON, reason.tag())
				.register(meters);
		}
		counter(TcpnetMeters.MESSAGES_SENT, "Messages the peers acknowledged", counters, TcpnetCounters::messagesSent)
			.register(meters);
		counter(TcpnetMeters.MESSAGES_RECEIVED, "Messages received from peers", counters,
				TcpnetCounters::messagesReceived)
			.register(meters);
		counter(TcpnetMeters.BYTES_SENT, "Payload bytes of the messages the peers acknowledged", counters,
				TcpnetCounters::bytesSent)
			.baseUnit(BaseUnits.BYTES)
			.register(meters);
		counter(TcpnetMeters.BYTES_RECEIVED, "Payload bytes received from peers", counters,
				TcpnetCounters::bytesReceived)
			.baseUnit(BaseUnits.BYTES)
			.register(meters);
	}

	private static void bindConnections(MeterRegistry meters, TcpnetCounters counters, String transport) {
		for (Direction direction : Direction.values()) {
			counter(TcpnetMeters.CONNECTIONS_OPENED, "Connections established", counters,
					(c) -> c.connectionsOpened(direction, transport))
				.tag(TcpnetMeters.DIRECTION, lower(direction))
				.tag(TcpnetMeters.TRANSPORT, transport)
				.register(meters);
		}
		for (CloseReason reason : CloseReason.values()) {
			counter(TcpnetMeters.CONNECTIONS_CLOSED, "Connections closed", counters,
					(c) -> c.connectionsClosed(reason, transport))
				.tag(TcpnetMeters.REASON, lower(reason))
				.tag(TcpnetMeters.TRANSPORT, transport)
				.register(meters);
		}
	}

	private static FunctionCounter.Builder<TcpnetCounters> counter(String name, String description,
			TcpnetCounters counters, ToDoubleFunction<TcpnetCounters> count) {
		return FunctionCounter.builder(name, counters, count).description(description);
	}

	// Read when scraped: what waits in the buffers, before it hurts.
	private void bindPressure(MeterRegistry meters) {
		Gauge.builder(TcpnetMeters.BUFFER_MESSAGES, this.registry, (r) -> r.pressure().bufferedMessages())
			.description("Messages sent and not acknowledged yet")
			.register(meters);
		Gauge.builder(TcpnetMeters.BUFFER_BYTES, this.registry, (r) -> r.pressure().bufferedBytes())
			.description("Payload bytes of the messages sent and not acknowledged yet")
			.baseUnit(BaseUnits.BYTES)
			.register(meters);
		Gauge.builder(TcpnetMeters.OUTBOUND_BYTES, this.registry, (r) -> r.pressure().outboundBytes())
			.description("Bytes queued for the sockets")
			.baseUnit(BaseUnits.BYTES)
			.register(meters);
		Gauge.builder(TcpnetMeters.EVENTS_PENDING, this.registry, (r) -> r.pressure().pendingEvents())
			.description("Events waiting for the application's listeners")
			.register(meters);
		Gauge.builder(TcpnetMeters.READS_PAUSED, this.registry, (r) -> r.pressure().pausedReads())
			.description("Connections not read from while the application catches up")
			.register(meters);
	}

	private static double peersOver(PeerRegistry registry, String transport) {
		return registry.peers().stream().filter((peer) -> transport.equals(peer.transport())).count();
	}

	private static double longestRoundTrip(PeerRegistry registry) {
		return registry.peers()
			.stream()
			.map((peer) -> registry.statistics(peer.nodeId()).map(PeerStatistics::rttMillis).orElse(null))
			.filter(Objects::nonNull)
			.mapToDouble((millis) -> millis / 1000.0)
			.max()
			.orElse(Double.NaN);
	}

	private static String lower(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
