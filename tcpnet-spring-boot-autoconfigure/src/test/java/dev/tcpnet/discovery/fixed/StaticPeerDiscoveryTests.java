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

package dev.tcpnet.discovery.fixed;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.discovery.SightingListener;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link StaticPeerDiscovery}. Host names go through a fake resolver: nothing
 * here asks DNS.
 */
class StaticPeerDiscoveryTests {

	private static final Duration LONG = Duration.ofHours(1);

	private static final Duration SHORT = Duration.ofMillis(100);

	private static final LocalNode SELF = new LocalNode(NodeId.of("self"), "alpha", 0L, 7000, List.of());

	private final List<Sighting> sightings = new CopyOnWriteArrayList<>();

	private final Map<String, InetAddress[]> hosts = new ConcurrentHashMap<>();

	private StaticPeerDiscovery discovery;

	@AfterEach
	void stop() {
		if (this.discovery != null) {
			this.discovery.stop();
		}
	}

	@Test
	void reportsEverySeedAtOnce() {
		start(List.of("127.0.0.1:7001", "[::1]:7002"), LONG);
		await().until(() -> this.sightings.size() == 2);
		assertThat(this.sightings).containsExactly(sighting("127.0.0.1", 7001), sighting("::1", 7002));
	}

	@Test
	void reportsSeedsAgainEveryRefreshInterval() {
		start(List.of("127.0.0.1:7001"), SHORT);
		await().until(() -> this.sightings.size() >= 3);
		assertThat(this.sightings).containsOnly(sighting("127.0.0.1", 7001));
	}

	@Test
	void doesNotReportAgainBeforeTheRefreshInterval() {
		AtomicInteger reported = new AtomicInteger();
		start(List.of("127.0.0.1:7001", "127.0.0.1:7002"), LONG, (sighting) -> {
			this.sightings.add(sighting);
			reported.incrementAndGet();
		});
		await().until(() -> reported.get() >= 2);
		this.discovery.stop();
		assertThat(this.sightings).hasSize(2);
	}

	@Test
	void resolvesHostNamesAgainEachRound() {
		this.hosts.put("seed.test", addresses("192.0.2.10"));
		start(List.of("seed.test:7001"), SHORT);
		await().until(() -> this.sightings.contains(sighting("192.0.2.10", 7001)));
		this.hosts.put("seed.test", addresses("192.0.2.11"));
		await().until(() -> this.sightings.contains(sighting("192.0.2.11", 7001)));
	}

	@Test
	void reportsEachAddressOfAHostAsItsOwnSighting() {
		this.hosts.put("nodes.test", addresses("192.0.2.10", "192.0.2.11"));
		start(List.of("nodes.test:7001"), LONG);
		await().until(() -> this.sightings.size() == 2);
		assertThat(this.sightings).containsExactly(sighting("192.0.2.10", 7001), sighting("192.0.2.11", 7001));
	}

	@Test
	void resolvesIpLiteralsWithTheDefaultResolver() {
		this.discovery = new StaticPeerDiscovery(List.of("127.0.0.1:7001", "[::1]:7002"), LONG);
		this.discovery.start(SELF, this.sightings::add);
		await().until(() -> this.sightings.size() == 2);
		assertThat(this.sightings).containsExactly(sighting("127.0.0.1", 7001), sighting("::1", 7002));
	}

	@Test
	void skipsHostsThatDoNotResolveAndReportsThemOnceTheyDo() {
		start(List.of("later.test:7001", "127.0.0.1:7002"), SHORT);
		await().until(() -> this.sightings.size() >= 2);
		assertThat(this.sightings).containsOnly(sighting("127.0.0.1", 7002));
		this.hosts.put("later.test", addresses("192.0.2.10"));
		await().until(() -> this.sightings.contains(sighting("192.0.2.10", 7001)));
	}

	@Test
	void keepsReportingWhenTheListenerFails() {
		AtomicInteger calls = new AtomicInteger();
		start(List.of("127.0.0.1:7001"), SHORT, (sighting) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("boom");
			}
		});
		await().until(() -> calls.get() >= 2);
	}

	@Test
	void stopEndsTheDiscoveryThread() {
		start(List.of("127.0.0.1:7001"), SHORT);
		await().until(() -> discoveryThreadAlive());
		this.discovery.stop();
		await().until(() -> !discoveryThreadAlive());
	}

	@Test
	void stopIsIdempotentAndWorksBeforeStart() {
		this.discovery = new StaticPeerDiscovery(List.of("127.0.0.1:7001"), SHORT, this::resolve);
		this.discovery.stop();
		this.discovery.start(SELF, this.sightings::add);
		this.discovery.stop();
		this.discovery.stop();
		await().until(() -> !discoveryThreadAlive());
	}

	@Test
	void startTwiceFails() {
		start(List.of("127.0.0.1:7001"), LONG);
		assertThatIllegalStateException().isThrownBy(() -> this.discovery.start(SELF, this.sightings::add));
	}

	@Test
	void advertisesNothingAndNamesItsMechanism() {
		assertThat(new StaticPeerDiscovery(List.of(), LONG).mechanism()).isEqualTo("static");
	}

	@Test
	void parseReturnsAnUnresolvedAddress() {
		InetSocketAddress address = StaticPeerDiscovery.parse(" seed.example:7000 ");
		assertThat(address.isUnresolved()).isTrue();
		assertThat(address.getHostString()).isEqualTo("seed.example");
		assertThat(address.getPort()).isEqualTo(7000);
	}

	@Test
	void parseAcceptsIpv6InBrackets() {
		InetSocketAddress address = StaticPeerDiscovery.parse("[::1]:7000");
		assertThat(address.getHostString()).isEqualTo("::1");
		assertThat(address.getPort()).isEqualTo(7000);
	}

	@Test
	void parseAcceptsIpv4() {
		InetSocketAddress address = StaticPeerDiscovery.parse("10.0.0.1:65535");
		assertThat(address.getHostString()).isEqualTo("10.0.0.1");
		assertThat(address.getPort()).isEqualTo(65535);
	}

	@ParameterizedTest
	@ValueSource(strings = { "host:notaport", "host", "host:", "host:0", "host:65536", "host:-1", ":7000", "::1:7000",
			"[::1]", "[::1]7000", "[zz]:7000", "" })
	void parseRejectsMalformedEntriesNamingThem(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> StaticPeerDiscovery.parse(entry))
			.withMessageContaining("'" + entry + "'");
	}

	@Test
	void constructorRejectsMalformedEntriesNamingThem() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StaticPeerDiscovery(List.of("ok:7000", "bad:port"), LONG))
			.withMessageContaining("'bad:port'");
	}

	@Test
	void constructorRejectsIntervalsThatAreNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StaticPeerDiscovery(List.of("ok:7000"), Duration.ZERO));
	}

	private void start(List<String> peers, Duration refreshInterval) {
		start(peers, refreshInterval, this.sightings::add);
	}

	private void start(List<String> peers, Duration refreshInterval, SightingListener listener) {
		this.discovery = new StaticPeerDiscovery(peers, refreshInterval, this::resolve);
		this.discovery.start(SELF, listener);
	}

	/**
	 * Resolves IP literals as the JDK does, which never asks DNS for them, and host names
	 * from {@link #hosts}.
	 */
	private InetAddress[] resolve(String host) throws UnknownHostException {
		if (Character.digit(host.charAt(0), 16) != -1 || host.charAt(0) == ':') {
			return InetAddress.getAllByName(host.contains(":") ? "[" + host + "]" : host);
		}
		InetAddress[] addresses = this.hosts.get(host);
		if (addresses == null) {
			throw new UnknownHostException(host);
		}
		return addresses;
	}

	private static boolean discoveryThreadAlive() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.anyMatch((thread) -> thread.getName().equals("tcpnet-static-discovery"));
	}

	private static Sighting sighting(String literal, int port) {
		return new Sighting("static", null, List.of(new InetSocketAddress(addresses(literal)[0], port)));
	}

	private static InetAddress[] addresses(String... literals) {
		InetAddress[] addresses = new InetAddress[literals.length];
		for (int i = 0; i < literals.length; i++) {
			try {
				addresses[i] = InetAddress.getByName(literals[i].contains(":") ? "[" + literals[i] + "]" : literals[i]);
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return addresses;
	}

}
