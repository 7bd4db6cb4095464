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

package dev.tcpnet.discovery.mdns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MdnsInterfaces}, with interfaces that do not exist: nothing here
 * touches the network.
 */
@ExtendWith(OutputCaptureExtension.class)
class MdnsInterfacesTests {

	private static final LocalInterface LOOPBACK = new LocalInterface("lo", true, true, false,
			addresses("127.0.0.1", "::1"));

	private static final LocalInterface ETH0 = new LocalInterface("eth0", true, false, true,
			addresses("192.168.1.10", "fe80::1", "2001:db8:1::10"));

	private static final LocalInterface ETH1_DOWN = new LocalInterface("eth1", false, false, true,
			addresses("10.0.0.5"));

	private static final LocalInterface ETH2 = new LocalInterface("eth2", true, false, true, addresses("192.168.1.20"));

	private static final LocalInterface WLAN0_IPV6_ONLY = new LocalInterface("wlan0", true, false, true,
			addresses("fe80::2", "2001:db8::5"));

	@Test
	void automaticSelectsIpv4AddressesOfQualifyingInterfaces() {
		assertThat(MdnsInterfaces.select(List.of(), List.of(LOOPBACK, ETH0, ETH2)))
			.containsExactly(address("192.168.1.10"), address("192.168.1.20"));
	}

	@Test
	void automaticSkipsInterfacesThatAreDown() {
		assertThat(MdnsInterfaces.select(List.of(), List.of(ETH1_DOWN, ETH2))).containsExactly(address("192.168.1.20"));
	}

	@Test
	void automaticSkipsLoopbackInterfacesEvenWithMulticast() {
		LocalInterface loopback = new LocalInterface("lo", true, true, true, addresses("127.0.0.1"));
		assertThat(MdnsInterfaces.select(List.of(), List.of(loopback, ETH2))).containsExactly(address("192.168.1.20"));
	}

	@Test
	void automaticSkipsInterfacesWithoutMulticast() {
		LocalInterface noMulticast = new LocalInterface("eth3", true, false, false, addresses("192.168.3.3"));
		assertThat(MdnsInterfaces.select(List.of(), List.of(noMulticast, ETH2)))
			.containsExactly(address("192.168.1.20"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "docker0", "veth1a2b3c", "br-5f2e", "virbr0", "tun0", "utun3" })
	void automaticSkipsVirtualInterfaces(String name) {
		LocalInterface virtual = new LocalInterface(name, true, false, true, addresses("172.17.0.1"));
		assertThat(MdnsInterfaces.select(List.of(), List.of(virtual, ETH2))).containsExactly(address("192.168.1.20"));
	}

	@Test
	void automaticUsesIpv6AddressesThatAreNotLinkLocalOnlyWhenThereIsNoIpv4() {
		assertThat(MdnsInterfaces.select(List.of(), List.of(WLAN0_IPV6_ONLY))).containsExactly(address("2001:db8::5"));
	}

	@Test
	void automaticNeverSelects127011() {
		LocalInterface odd = new LocalInterface("eth0", true, false, true, addresses("127.0.1.1", "192.168.1.10"));
		assertThat(MdnsInterfaces.select(List.of(), List.of(odd))).containsExactly(address("192.168.1.10"));
	}

	@Test
	void automaticNeverSelectsLinkLocalAddresses() {
		LocalInterface linkLocal = new LocalInterface("eth0", true, false, true, addresses("169.254.7.7", "fe80::7"));
		assertThat(MdnsInterfaces.select(List.of(), List.of(linkLocal, ETH2))).containsExactly(address("192.168.1.20"));
	}

	@Test
	void automaticFallsBackToLoopbackWithOneWarningWhenNothingQualifies(CapturedOutput output) {
		List<InetAddress> selected = MdnsInterfaces.select(List.of(), List.of(LOOPBACK, ETH1_DOWN));
		assertThat(selected).containsExactly(address("127.0.0.1"));
		assertThat(output.getOut().lines().filter((line) -> line.contains("WARN"))).singleElement()
			.asString()
			.contains("using 127.0.0.1", "tcpnet.discovery.mdns.interfaces", "tcpnet.discovery.static.peers");
	}

	@Test
	void configuredIpAddressSelectsExactlyThatAddress() {
		assertThat(MdnsInterfaces.select(List.of("192.168.1.10"), List.of(LOOPBACK, ETH0, ETH2)))
			.containsExactly(address("192.168.1.10"));
	}

	@Test
	void configuredLoopbackAddressIsAllowed() {
		assertThat(MdnsInterfaces.select(List.of("127.0.0.1"), List.of(LOOPBACK, ETH0)))
			.containsExactly(address("127.0.0.1"));
	}

	@Test
	void configuredIpv6AddressSelectsExactlyThatAddress() {
		assertThat(MdnsInterfaces.select(List.of("2001:db8:1::10"), List.of(ETH0)))
			.containsExactly(address("2001:db8:1::10"));
	}

	@Test
	void configuredIpAddressOfInterfaceThatIsDownFails() {
		assertSelectionFails("10.0.0.5", ETH1_DOWN, ETH0);
	}

	@Test
	void configuredIpAddressOfNoInterfaceFails() {
		assertSelectionFails("192.168.9.9", ETH0);
	}

	@Test
	void configuredInvalidIpv4AddressFailsWithoutLookingItUp() {
		assertSelectionFails("192.168.1.300", ETH0);
	}

	@Test
	void configuredCidrSelectsEveryMatchingAddressOfInterfacesThatAreUp() {
		LocalInterface down = new LocalInterface("eth9", false, false, true, addresses("192.168.1.99"));
		assertThat(MdnsInterfaces.select(List.of("192.168.1.0/24"), List.of(LOOPBACK, ETH0, ETH2, down)))
			.containsExactly(address("192.168.1.10"), address("192.168.1.20"));
	}

	@Test
	void configuredCidrMatchesOnPrefixBitsOnly() {
		assertThat(MdnsInterfaces.select(List.of("192.168.1.16/28"), List.of(ETH0, ETH2)))
			.containsExactly(address("192.168.1.20"));
	}

	@Test
	void configuredIpv6CidrSelectsMatchingIpv6Addresses() {
		assertThat(MdnsInterfaces.select(List.of("2001:db8::/32"), List.of(ETH0, WLAN0_IPV6_ONLY)))
			.containsExactly(address("2001:db8:1::10"), address("2001:db8::5"));
	}

	@Test
	void configuredCidrThatMatchesNothingFails() {
		assertSelectionFails("10.1.0.0/16", ETH0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "192.168.1.0/33", "192.168.1.0/", "192.168.1.0/x", "eth0/24" })
	void configuredInvalidCidrFails(String entry) {
		assertSelectionFails(entry, ETH0);
	}

	@Test
	void configuredNameSelectsIpv4AddressesOfThatInterface() {
		assertThat(MdnsInterfaces.select(List.of("eth0"), List.of(ETH0, ETH2)))
			.containsExactly(address("192.168.1.10"));
	}

	@Test
	void configuredNameSelectsIpv6AddressesThatAreNotLinkLocalWhenInterfaceHasNoIpv4() {
		assertThat(MdnsInterfaces.select(List.of("wlan0"), List.of(ETH0, WLAN0_IPV6_ONLY)))
			.containsExactly(address("2001:db8::5"));
	}

	@Test
	void configuredNameSelectsLinkLocalIpv6AddressesOnlyWhenInterfaceHasNothingElse() {
		LocalInterface linkLocalOnly = new LocalInterface("eth5", true, false, true, addresses("fe80::5"));
		assertThat(MdnsInterfaces.select(List.of("eth5"), List.of(linkLocalOnly))).containsExactly(address("fe80::5"));
	}

	@Test
	void automaticLeavesOutInterfacesWithOnlyLinkLocalIpv6Addresses() {
		LocalInterface linkLocalOnly = new LocalInterface("eth5", true, false, true, addresses("fe80::5"));
		assertThat(MdnsInterfaces.select(List.of(), List.of(linkLocalOnly, ETH2)))
			.containsExactly(address("192.168.1.20"));
	}

	@Test
	void configuredNameMaySelectLoopbackAndInterfacesWithoutMulticast() {
		assertThat(MdnsInterfaces.select(List.of("lo"), List.of(LOOPBACK, ETH0))).containsExactly(address("127.0.0.1"));
	}

	@Test
	void configuredGlobSelectsEveryMatchingInterfaceThatIsUp() {
		List<LocalInterface> interfaces = List.of(LOOPBACK, ETH0, ETH1_DOWN, ETH2, WLAN0_IPV6_ONLY);
		assertThat(MdnsInterfaces.select(List.of("eth*"), interfaces)).containsExactly(address("192.168.1.10"),
				address("192.168.1.20"));
	}

	@Test
	void configuredGlobWithQuestionMarkMatchesOneCharacter() {
		LocalInterface eth10 = new LocalInterface("eth10", true, false, true, addresses("192.168.10.10"));
		assertThat(MdnsInterfaces.select(List.of("eth?"), List.of(ETH0, eth10)))
			.containsExactly(address("192.168.1.10"));
	}

	@Test
	void configuredNameOfInterfaceThatIsDownFails() {
		assertSelectionFails("eth1", ETH0, ETH1_DOWN);
	}

	@Test
	void configuredNameThatMatchesNothingFails() {
		assertSelectionFails("en*", ETH0);
	}

	@Test
	void configuredEntriesAreCombinedWithoutDuplicates() {
		assertThat(MdnsInterfaces.select(List.of("eth0", "192.168.1.10", "127.0.0.1"), List.of(LOOPBACK, ETH0)))
			.containsExactly(address("192.168.1.10"), address("127.0.0.1"));
	}

	private static void assertSelectionFails(String entry, LocalInterface... interfaces) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MdnsInterfaces.select(List.of("eth0", entry), List.of(interfaces)))
			.withMessageContaining("'" + entry + "'")
			.withMessageContaining("tcpnet.discovery.mdns.interfaces");
	}

	private static List<InetAddress> addresses(String... literals) {
		return Arrays.stream(literals).map(MdnsInterfacesTests::address).toList();
	}

	private static InetAddress address(String literal) {
		try {
			// Literals only: InetAddress does not ask DNS for these
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
