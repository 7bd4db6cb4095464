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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.naming.CommunicationException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.ServiceUnavailableException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.discovery.SightingListener;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DnsPeerDiscovery} with a fake DNS: nothing here sends a query.
 * {@link DnsmasqDiscoveryTests} asks a real DNS server.
 */
@ExtendWith(OutputCaptureExtension.class)
class DnsPeerDiscoveryTests {

	private static final Duration LONG = Duration.ofHours(1);

	private static final Duration SHORT = Duration.ofMillis(50);

	private static final String SRV_NAME = "_tcpnet._tcp.nodes.example";

	private static final LocalNode SELF = new LocalNode(NodeId.of("self"), "alpha", 0L, 7000, List.of());

	/** Answers by "name type"; a missing entry is NXDOMAIN. */
	private final Map<String, Answer> dns = new ConcurrentHashMap<>();

	private final List<Sighting> sightings = new CopyOnWriteArrayList<>();

	private final AtomicInteger queries = new AtomicInteger();

	private DnsPeerDiscovery discovery;

	@AfterEach
	void stop() {
		if (this.discovery != null) {
			this.discovery.stop();
		}
	}

	@Test
	void srvModeReportsEachTargetAddressOnItsRecordsPort() {
		answer(SRV_NAME, "SRV", "0 0 7001 n1.nodes.example.", "10 5 7002 n2.nodes.example.");
		answer("n1.nodes.example", "A", "192.0.2.1");
		answer("n2.nodes.example", "A", "192.0.2.2");
		answer("n2.nodes.example", "AAAA", "2001:db8::2");
		start(SRV_NAME, 0, LONG);
		await().until(() -> this.sightings.size() == 3);
		assertThat(this.sightings).containsExactly(sighting("192.0.2.1", 7001), sighting("192.0.2.2", 7002),
				sighting("2001:db8::2", 7002));
	}

	@Test
	void addressModeReportsEveryAddressOnTheGivenPort() {
		answer("nodes.example", "A", "192.0.2.1", "192.0.2.2");
		answer("nodes.example", "AAAA", "2001:db8::1");
		start("nodes.example", 7100, LONG);
		await().until(() -> this.sightings.size() == 3);
		assertThat(this.sightings).containsExactly(sighting("192.0.2.1", 7100), sighting("192.0.2.2", 7100),
				sighting("2001:db8::1", 7100));
	}

	@Test
	void reportsEachDistinctAddressOnce() {
		answer(SRV_NAME, "SRV", "0 0 7001 n1.nodes.example.", "0 0 7001 alias.nodes.example.",
				"0 0 7003 n3.nodes.example.");
		answer("n1.nodes.example", "A", "192.0.2.1");
		answer("alias.nodes.example", "A", "192.0.2.1");
		answer("n3.nodes.example", "A", "192.0.2.3");
		start(SRV_NAME, 0, LONG);
		await().until(() -> this.sightings.contains(sighting("192.0.2.3", 7003)));
		assertThat(this.sightings).containsExactly(sighting("192.0.2.1", 7001), sighting("192.0.2.3", 7003));
	}

	@Test
	void reportsAgainEveryRefreshInterval() {
		answer("nodes.example", "A", "192.0.2.1");
		start("nodes.example", 7100, SHORT);
		await().until(() -> this.sightings.size() >= 3);
		assertThat(this.sightings).containsOnly(sighting("192.0.2.1", 7100));
	}

	@Test
	void skipsSrvRecordsThatSayNoServiceOrAreMalformed() {
		answer(SRV_NAME, "SRV", "0 0 0 .", "0 0 7001 .", "garbage", "0 0 99999 n1.nodes.example.",
				"0 0 7003 bad/name.example.", "0 0 7002 n2.nodes.example.");
		answer("n2.nodes.example", "A", "192.0.2.2");
		start(SRV_NAME, 0, LONG);
		await().until(() -> !this.sightings.isEmpty());
		assertThat(this.sightings).containsExactly(sighting("192.0.2.2", 7002));
	}

	@Test
	void keepsTheIpv4AddressesWhenAaaaQueriesFail() {
		answer("nodes.example", "A", "192.0.2.1");
		this.dns.put("nodes.example AAAA", Answer.failing(new ServiceUnavailableException("SERVFAIL")));
		start("nodes.example", 7100, LONG);
		await().until(() -> !this.sightings.isEmpty());
		assertThat(this.sightings).containsExactly(sighting("192.0.2.1", 7100));
	}

	@Test
	void reportsTheOtherTargetsWhenOneTargetDoesNotResolve() {
		answer(SRV_NAME, "SRV", "0 0 7001 gone.nodes.example.", "0 0 7002 n2.nodes.example.");
		answer("n2.nodes.example", "A", "192.0.2.2");
		start(SRV_NAME, 0, LONG);
		await().until(() -> !this.sightings.isEmpty());
		assertThat(this.sightings).containsExactly(sighting("192.0.2.2", 7002));
	}

	@Test
	void ignoresAnswersThatAreNotAddressLiterals() {
		answer("nodes.example", "A", "999.1.1.1", "not-an-address", "192.0.2.1");
		answer("nodes.example", "AAAA", "nope:zz");
		start("nodes.example", 7100, LONG);
		await().until(() -> !this.sightings.isEmpty());
		assertThat(this.sightings).containsExactly(sighting("192.0.2.1", 7100));
	}

	@Test
	void failingLookupsAreWarnedAboutOnceAndRetriedUntilTheySucceed(CapturedOutput output) {
		this.dns.put(SRV_NAME + " SRV", Answer.failing(new CommunicationException("DNS error")));
		start(SRV_NAME, 0, SHORT);
		await().until(() -> this.queries.get() >= 5);
		answer(SRV_NAME, "SRV", "0 0 7001 n1.nodes.example.");
		answer("n1.nodes.example", "A", "192.0.2.1");
		await().until(() -> !this.sightings.isEmpty());
		await().until(() -> output.getOut().contains("DNS lookup of " + SRV_NAME + " SRV succeeds again"));
		assertThat(output.getOut()
			.lines()
			.filter((line) -> line.contains("WARN") && line
				.contains("DNS lookup of " + SRV_NAME + " SRV failed: DNS error; trying again every PT0.05S")))
			.hasSize(1);
	}

	@Test
	void namesWithoutRecordsCountAsFailures(CapturedOutput output) {
		answer("nodes.example", "A");
		start("nodes.example", 7100, SHORT);
		await().until(() -> output.getOut().contains("DNS lookup of nodes.example A/AAAA failed: no A/AAAA records"));
	}

	@Test
	void srvNameWithoutSrvRecordsHintsAtThePort(CapturedOutput output) {
		answer("nodes.example", "SRV");
		start("nodes.example", 0, SHORT);
		await().until(() -> output.getOut()
			.contains("DNS lookup of nodes.example SRV failed: no SRV records; give a port to use A/AAAA records"));
	}

	@Test
	void keepsRunningWhenTheLookupThrowsUnexpectedly() {
		AtomicInteger calls = new AtomicInteger();
		this.discovery = new DnsPeerDiscovery("nodes.example", 7100, SHORT, null, (name, type) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("boom");
			}
			return type.equals("A") ? List.of("192.0.2.1") : List.of();
		});
		this.discovery.start(SELF, this.sightings::add);
		await().until(() -> !this.sightings.isEmpty());
	}

	@Test
	void keepsReportingWhenTheListenerFails() {
		answer("nodes.example", "A", "192.0.2.1");
		AtomicInteger calls = new AtomicInteger();
		start("nodes.example", 7100, SHORT, (sighting) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("boom");
			}
		});
		await().until(() -> calls.get() >= 2);
	}

	@Test
	void stopEndsTheDiscoveryThread() {
		answer("nodes.example", "A", "192.0.2.1");
		start("nodes.example", 7100, SHORT);
		await().until(DnsPeerDiscoveryTests::discoveryThreadAlive);
		this.discovery.stop();
		await().until(() -> !discoveryThreadAlive());
	}

	@Test
	void stopIsIdempotentAndWorksBeforeStart() {
		this.discovery = new DnsPeerDiscovery("nodes.example", 7100, SHORT, null, this::query);
		this.discovery.stop();
		this.discovery.start(SELF, this.sightings::add);
		this.discovery.stop();
		this.discovery.stop();
		await().until(() -> !discoveryThreadAlive());
	}

	@Test
	void startTwiceFails() {
		start("nodes.example", 7100, LONG);
		assertThatIllegalStateException().isThrownBy(() -> this.discovery.start(SELF, this.sightings::add));
	}

	@Test
	void namesItsMechanismAndDescribesItsConfiguration() {
		answer(SRV_NAME, "SRV", "0 0 7001 n1.nodes.example.");
		answer("n1.nodes.example", "AAAA", "2001:db8::1");
		this.discovery = new DnsPeerDiscovery(SRV_NAME, 0, Duration.ofSeconds(5), "127.0.0.1:5353", this::query);
		assertThat(this.discovery.mechanism()).isEqualTo("dns");
		assertThat(this.discovery.details()).containsEntry("name", SRV_NAME)
			.containsEntry("port", 0)
			.containsEntry("records", "SRV")
			.containsEntry("server", "127.0.0.1:5353")
			.containsEntry("refreshInterval", "PT5S")
			.containsEntry("addresses", List.of());
		this.discovery.start(SELF, this.sightings::add);
		await().until(() -> !this.sightings.isEmpty());
		assertThat(this.discovery.details()).containsEntry("addresses", List.of("[2001:db8:0:0:0:0:0:1]:7001"));
	}

	@Test
	void detailsNameTheSystemResolverWhenNoServerIsGiven() {
		assertThat(new DnsPeerDiscovery("nodes.example", 7100, LONG, null).details())
			.containsEntry("server", "system resolver")
			.containsEntry("records", "A/AAAA");
	}

	@ParameterizedTest
	@ValueSource(strings = { "_tcpnet._tcp.tcpnet.default.svc.cluster.local", "nodes.example.", "nodes", "a-b.c_d.e",
			"10.0.0.1" })
	void checkNameAcceptsDnsNames(String name) {
		DnsPeerDiscovery.checkName(name, name.startsWith("_") ? 0 : 7000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ".", "a..b", "-a.example", "a-.example", "bad/name", "with space.example",
			"\u00e9.example" })
	void checkNameRejectsWhatIsNotADnsNameNamingIt(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> DnsPeerDiscovery.checkName(name, 0))
			.withMessageContaining("'" + name + "'");
	}

	@Test
	void checkNameRejectsLongLabelsAndNames() {
		String label = "a".repeat(63);
		DnsPeerDiscovery.checkName(label + ".example", 7000);
		assertThatIllegalArgumentException().isThrownBy(() -> DnsPeerDiscovery.checkName("a" + label + ".example", 0));
		String longest = String.join(".", label, label, label, "a".repeat(61));
		DnsPeerDiscovery.checkName(longest, 7000);
		assertThatIllegalArgumentException().isThrownBy(() -> DnsPeerDiscovery.checkName(longest + "a", 7000));
	}

	@Test
	void checkNameRejectsAPortWithAnSrvName() {
		assertThatIllegalArgumentException().isThrownBy(() -> DnsPeerDiscovery.checkName(SRV_NAME, 7000))
			.withMessage("DNS name '" + SRV_NAME + "' is an SRV name but port 7000 asks for A/AAAA records: "
					+ "use port 0 to take the ports from its SRV records");
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 65536 })
	void checkNameRejectsPortsOutOfRange(int port) {
		assertThatIllegalArgumentException().isThrownBy(() -> DnsPeerDiscovery.checkName("nodes.example", port))
			.withMessageContaining("Invalid port " + port);
	}

	@Test
	void parseServerAcceptsHostPortAndDefaultsToPort53() {
		assertThat(DnsPeerDiscovery.parseServer("127.0.0.1:5353")).isEqualTo(unresolved("127.0.0.1", 5353));
		assertThat(DnsPeerDiscovery.parseServer(" kube-dns.kube-system.svc "))
			.isEqualTo(unresolved("kube-dns.kube-system.svc", 53));
		assertThat(DnsPeerDiscovery.parseServer("[::1]:5353")).isEqualTo(unresolved("::1", 5353));
		assertThat(DnsPeerDiscovery.parseServer("[fd00::10]")).isEqualTo(unresolved("fd00::10", 53));
		assertThat(DnsPeerDiscovery.parseServer("127.0.0.1:5353").isUnresolved()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ":53", "host:", "host:0", "host:65536", "host:dns", "::1", "::1:53", "[::1", "[::1]53",
			"[zz]:53", "bad/host:53" })
	void parseServerRejectsMalformedValuesNamingThem(String server) {
		assertThatIllegalArgumentException().isThrownBy(() -> DnsPeerDiscovery.parseServer(server))
			.withMessageContaining("'" + server + "'");
	}

	@Test
	void constructorRejectsInvalidValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DnsPeerDiscovery("bad/name", 0, LONG, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new DnsPeerDiscovery(SRV_NAME, 0, LONG, "host:x"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DnsPeerDiscovery(SRV_NAME, 0, Duration.ZERO, "127.0.0.1:53"));
	}

	@Test
	void providerUrlPointsJndiAtTheServer() {
		assertThat(JndiDnsLookup.providerUrl(unresolved("127.0.0.1", 5353))).isEqualTo("dns://127.0.0.1:5353");
		assertThat(JndiDnsLookup.providerUrl(unresolved("::1", 53))).isEqualTo("dns://[::1]:53");
		assertThat(JndiDnsLookup.providerUrl(null)).isEqualTo("dns:");
	}

	@Test
	void literalNeverResolvesNames() {
		assertThat(DnsPeerResolver.literal("192.0.2.1")).isEqualTo(address("192.0.2.1"));
		assertThat(DnsPeerResolver.literal("2001:db8::1")).isEqualTo(address("2001:db8::1"));
		assertThat(DnsPeerResolver.literal("localhost")).isNull();
		assertThat(DnsPeerResolver.literal("256.1.1.1")).isNull();
		assertThat(DnsPeerResolver.literal("1.2.3")).isNull();
	}

	private void start(String name, int port, Duration refreshInterval) {
		start(name, port, refreshInterval, this.sightings::add);
	}

	private void start(String name, int port, Duration refreshInterval, SightingListener listener) {
		this.discovery = new DnsPeerDiscovery(name, port, refreshInterval, null, this::query);
		this.discovery.start(SELF, listener);
	}

	private void answer(String name, String type, String... records) {
		this.dns.put(name + " " + type, Answer.of(List.of(records)));
	}

	private List<String> query(String name, String type) throws NamingException {
		this.queries.incrementAndGet();
		Answer answer = this.dns.get(name + " " + type);
		if (answer == null) {
			boolean exists = this.dns.keySet().stream().anyMatch((key) -> key.startsWith(name + " "));
			if (exists) {
				return List.of();
			}
			throw new NameNotFoundException("DNS name not found [response code 3]");
		}
		if (answer.failure() != null) {
			throw answer.failure();
		}
		return answer.records();
	}

	private static boolean discoveryThreadAlive() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.anyMatch((thread) -> thread.getName().equals("tcpnet-dns-discovery"));
	}

	private static Sighting sighting(String literal, int port) {
		return new Sighting("dns", null, List.of(new InetSocketAddress(address(literal), port)));
	}

	private static InetSocketAddress unresolved(String host, int port) {
		return InetSocketAddress.createUnresolved(host, port);
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Answer(List<String> records, NamingException failure) {

		static Answer of(List<String> records) {
			return new Answer(records, null);
		}

		static Answer failing(NamingException failure) {
			return new Answer(List.of(), failure);
		}

	}

}
