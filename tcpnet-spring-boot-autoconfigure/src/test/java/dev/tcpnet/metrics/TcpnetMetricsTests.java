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

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.DefaultPeerRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection meters tell TCP from Unix-domain connections by their {@code transport}
 * tag.
 */
class TcpnetMetricsTests {

	private final DefaultPeerRegistry registry = new DefaultPeerRegistry((event) -> {
	});

	private final MeterRegistry meters = new SimpleMeterRegistry();

	@AfterEach
	void closeRegistry() {
		this.meters.close();
	}

	@Test
	void connectionMetersAreTaggedWithTheirTransport() {
		new TcpnetMetrics(this.registry, List.of()).bindTo(this.meters);
		this.registry.connectionOpened(Direction.OUTBOUND, "unix");
		this.registry.connectionOpened(Direction.OUTBOUND, "tcp");
		this.registry.connectionOpened(Direction.OUTBOUND, "unix");
		this.registry.connectionClosed(CloseReason.LOST, "unix");
		assertThat(count(TcpnetMeters.CONNECTIONS_OPENED, TcpnetMeters.DIRECTION, "outbound", "unix")).isEqualTo(2);
		assertThat(count(TcpnetMeters.CONNECTIONS_OPENED, TcpnetMeters.DIRECTION, "outbound", "tcp")).isEqualTo(1);
		assertThat(count(TcpnetMeters.CONNECTIONS_OPENED, TcpnetMeters.DIRECTION, "inbound", "tcp")).isZero();
		assertThat(count(TcpnetMeters.CONNECTIONS_CLOSED, TcpnetMeters.REASON, "lost", "unix")).isEqualTo(1);
		assertThat(count(TcpnetMeters.CONNECTIONS_CLOSED, TcpnetMeters.REASON, "lost", "tcp")).isZero();
		assertThat(this.registry.counters().connectionsOpened(Direction.OUTBOUND)).isEqualTo(3);
		assertThat(this.registry.counters().connectionsClosed(CloseReason.LOST)).isEqualTo(1);
	}

	@Test
	void everyTransportHasItsConnectionMetersBeforeAnyConnection() {
		new TcpnetMetrics(this.registry, List.of()).bindTo(this.meters);
		for (String transport : List.of("tcp", "unix")) {
			assertThat(count(TcpnetMeters.CONNECTIONS_OPENED, TcpnetMeters.DIRECTION, "inbound", transport)).isZero();
			assertThat(count(TcpnetMeters.CONNECTIONS_CLOSED, TcpnetMeters.REASON, "left", transport)).isZero();
		}
	}

	private double count(String name, String tag, String value, String transport) {
		return this.meters.get(name).tags(tag, value, TcpnetMeters.TRANSPORT, transport).functionCounter().count();
	}

}
