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

package dev.tcpnet.discovery.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DnsPeerDiscovery} against a real DNS server: dnsmasq on 127.0.0.1 and a high
 * port, which never forwards a query (see {@link Dnsmasq}). Skipped when dnsmasq is not
 * installed.
 *
 * <p>
 * To tell "no longer reported" from "not reported yet", a lookup decorator numbers the
 * rounds (one query of the configured name each), and every sighting is recorded with its
 * round.
 */
class DnsmasqDiscoveryTests {

	private static final String SERVICE = "_tcpnet._tcp.nodes." + Dnsmasq.DOMAIN;

	private static final String NODES = "nodes." + Dnsmasq.DOMAIN;

	private static final String N1 = "n1." + Dnsmasq.DOMAIN;

	private static final String N2 = "n2." + Dnsmasq.DOMAIN;

	private static final Duration REFRESH = Duration.ofMillis(100);

	private static final LocalNode SELF = new LocalNode(NodeId.of("self"), "alpha", 0L, 7000, List.of());

	private final AtomicInteger rounds = new AtomicInteger();

	private final List<Seen> seen = new CopyOnWriteArrayList<>();

	private Dnsmasq dnsmasq;

	private DnsPeerDiscovery discovery;

	@BeforeEach
	void startDnsmasq(@TempDir Path directory) throws IOException {
		Dnsmasq.assumeInstalled();
		this.dnsmasq = Dnsmasq.start(directory);
	}

	@AfterEach
	void stop() {
		if (this.discovery != null) {
			this.discovery.stop();
		}
		if (this.dnsmasq != null) {
			this.dnsmasq.close();
		}
	}

	@Test
	void srvModeFindsEveryTargetWithItsPort() throws IOException {
		this.dnsmasq.addHost(N1, "127.0.0.11");
		this.dnsmasq.addHost(N2, "127.0.0.12");
		this.dnsmasq.addHost(N2, "::1");
		this.dnsmasq.addSrv(SERVICE, N1, 7001);
		this.dnsmasq.addSrv(SERVICE, N2, 7002);
		start(SERVICE, 0);
		await().until(() -> reportedAfter(0).size() == 3);
		assertThat(reportedAfter(0)).containsExactlyInAnyOrder(address("127.0.0.11", 7001), address("127.0.0.12", 7002),
				address("::1", 7002));
		assertThat(this.seen).allSatisfy((seen) -> {
			assertThat(seen.sighting().mechanism()).isEqualTo("dns");
			assertThat(seen.sighting().nodeId()).isNull();
		});
	}

	@Test
	void addressModeFindsEveryAddressOnTheGivenPort() throws IOException {
		this.dnsmasq.addHost(NODES, "127.0.0.21");
		this.dnsmasq.addHost(NODES, "127.0.0.22");
		start(NODES, 7100);
		await().until(() -> reportedAfter(0).size() == 2);
		assertThat(reportedAfter(0)).containsExactlyInAnyOrder(address("127.0.0.21", 7100),
				address("127.0.0.22", 7100));
	}

	@Test
	void addressAddedWhileRunningIsReportedOnALaterRefresh() throws IOException {
		this.dnsmasq.addHost(NODES, "127.0.0.21");
		start(NODES, 7100);
		await().until(() -> reportedAfter(0).contains(address("127.0.0.21", 7100)));
		this.dnsmasq.addHost(NODES, "127.0.0.22");
		int changed = this.rounds.get();
		await().until(() -> reportedAfter(changed).contains(address("127.0.0.22", 7100)));
	}

	@Test
	void addressRemovedWhileRunningIsNoLongerReported() throws IOException {
		this.dnsmasq.addHost(NODES, "127.0.0.21");
		this.dnsmasq.addHost(NODES, "127.0.0.22");
		start(NODES, 7100);
		await().until(() -> reportedAfter(0).size() == 2);
		this.dnsmasq.removeHost(NODES, "127.0.0.22");
		assertOnlyReportedFromNowOn(address("127.0.0.21", 7100));
	}

	@Test
	void srvRecordAddedWhileRunningIsReportedOnALaterRefresh() throws IOException {
		this.dnsmasq.addHost(N1, "127.0.0.11");
		this.dnsmasq.addHost(N2, "127.0.0.12");
		this.dnsmasq.addSrv(SERVICE, N1, 7001);
		start(SERVICE, 0);
		await().until(() -> reportedAfter(0).contains(address("127.0.0.11", 7001)));
		this.dnsmasq.addSrv(SERVICE, N2, 7002);
		int changed = this.rounds.get();
		await().until(() -> reportedAfter(changed).contains(address("127.0.0.12", 7002)));
	}

	@Test
	void srvRecordRemovedWhileRunningIsNoLongerReported() throws IOException {
		this.dnsmasq.addHost(N1, "127.0.0.11");
		this.dnsmasq.addSrv(SERVICE, N1, 7001);
		this.dnsmasq.addSrv(SERVICE, N1, 7002);
		start(SERVICE, 0);
		await().until(() -> reportedAfter(0).size() == 2);
		this.dnsmasq.removeSrv(SERVICE, N1, 7002);
		assertOnlyReportedFromNowOn(address("127.0.0.11", 7001));
	}

	@Test
	void nameThatDoesNotExistYetIsReportedOnceItDoes() throws IOException {
		start(NODES, 7100);
		int missing = this.rounds.get();
		await().until(() -> this.rounds.get() > missing + 2);
		assertThat(this.seen).isEmpty();
		this.dnsmasq.addHost(NODES, "127.0.0.21");
		await().until(() -> reportedAfter(0).contains(address("127.0.0.21", 7100)));
	}

	@Test
	void keepsLookingUpWhileTheServerIsDown() throws IOException {
		this.dnsmasq.addHost(NODES, "127.0.0.21");
		start(NODES, 7100);
		await().until(() -> !this.seen.isEmpty());
		this.dnsmasq.close();
		int down = this.rounds.get();
		await().until(() -> this.rounds.get() > down + 2);
		this.dnsmasq.restart();
		int up = this.rounds.get();
		await().until(() -> reportedAfter(up).contains(address("127.0.0.21", 7100)));
	}

	/**
	 * Waits for a round that started after the change to end, then checks that no round
	 * since the change reported anything else.
	 */
	private void assertOnlyReportedFromNowOn(InetSocketAddress remaining) {
		int changed = this.rounds.get();
		await().until(() -> reportedAfter(changed).contains(remaining) && this.rounds.get() > changed + 1);
		assertThat(reportedAfter(changed)).containsOnly(remaining);
	}

	private void start(String name, int port) {
		JndiDnsLookup jndi = new JndiDnsLookup(DnsPeerDiscovery.parseServer(this.dnsmasq.server()));
		DnsLookup numbered = (queried, type) -> {
			if (queried.equals(name) && (type.equals("SRV") || type.equals("A"))) {
				this.rounds.incrementAndGet();
			}
			return jndi.query(queried, type);
		};
		this.discovery = new DnsPeerDiscovery(name, port, REFRESH, this.dnsmasq.server(), numbered);
		// Sightings are reported on the discovery thread after the round's queries
		this.discovery.start(SELF, (sighting) -> this.seen.add(new Seen(this.rounds.get(), sighting)));
	}

	/** The addresses reported by rounds that started after the given one. */
	private Set<InetSocketAddress> reportedAfter(int round) {
		return this.seen.stream()
			.filter((seen) -> seen.round() > round)
			.map((seen) -> seen.sighting().addresses().get(0))
			.collect(Collectors.toSet());
	}

	private static InetSocketAddress address(String literal, int port) {
		try {
			return new InetSocketAddress(InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal),
					port);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Seen(int round, Sighting sighting) {
	}

}
