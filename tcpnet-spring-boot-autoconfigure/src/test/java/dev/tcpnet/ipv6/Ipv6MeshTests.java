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

package dev.tcpnet.ipv6;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.support.TestNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * IPv6 on loopback: the acceptor and static seeds in brackets, and a dual-stack acceptor
 * on {@code ::}. Every node binds its acceptor to a loopback or wildcard address and has
 * mDNS off, so nothing is sent beyond this machine. (mDNS over IPv6 needs a multicast
 * route on loopback that the machine has not got: {@link Ipv6MdnsMeshTests} makes one in
 * a namespace of its own.)
 */
class Ipv6MeshTests {

	private final String cluster = "v6-" + NodeId.random().shortForm();

	private final List<TestNode> nodes = new ArrayList<>();

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(TestNode::close);
	}

	@Test
	void acceptorAndStaticSeedsOnIpv6Loopback() {
		TestNode a = start("tcpnet.discovery.mdns.enabled=false");
		TestNode b = start("tcpnet.discovery.mdns.enabled=false", "tcpnet.discovery.static.peers=[::1]:" + a.port());
		await().untilAsserted(() -> assertThat(a.tcpnet().peers()).hasSize(1));
		assertThat(a.tcpnet().peers().get(0).remoteAddress().getAddress()).isInstanceOf(Inet6Address.class);
		b.tcpnet().broadcast("t", "over ipv6");
		await().untilAsserted(() -> assertThat(a.messages()).containsExactly("over ipv6"));
	}

	// The JDK clears IPV6_V6ONLY on the NIO sockets it makes (whatever
	// net.ipv6.bindv6only says),
	// so a socket bound to :: takes IPv4 too; Java reports such a peer by its IPv4
	// address, not
	// as ::ffff:127.0.0.1. (No java.net.preferIPv4Stack in the build: that would disable
	// IPv6.)
	@Test
	void dualStackAcceptorOnWildcardTakesPeersDialingOverIpv4AndOverIpv6() {
		TestNode dualStack = start("tcpnet.server.address=::", "tcpnet.discovery.mdns.enabled=false");
		TestNode overIpv4 = start("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false",
				"tcpnet.discovery.static.peers=127.0.0.1:" + dualStack.port());
		TestNode overIpv6 = start("tcpnet.discovery.mdns.enabled=false",
				"tcpnet.discovery.static.peers=[::1]:" + dualStack.port());
		await().untilAsserted(() -> assertThat(dualStack.tcpnet().peers()).hasSize(2));
		assertThat(remoteAddressAt(dualStack, overIpv4)).isInstanceOf(Inet4Address.class)
			.satisfies((address) -> assertThat(address.isLoopbackAddress()).isTrue());
		assertThat(remoteAddressAt(dualStack, overIpv6)).isInstanceOf(Inet6Address.class)
			.satisfies((address) -> assertThat(address.isLoopbackAddress()).isTrue());
		// Peer exchange tells each dialer the other's address, of the other family: one
		// mesh
		await().untilAsserted(() -> assertThat(overIpv6.tcpnet().peers()).hasSize(2));
		overIpv4.tcpnet().broadcast("t", "from ipv4");
		overIpv6.tcpnet().broadcast("t", "from ipv6");
		await().untilAsserted(() -> assertThat(dualStack.messages()).contains("from ipv4", "from ipv6"));
	}

	private static InetAddress remoteAddressAt(TestNode observer, TestNode peer) {
		return observer.tcpnet()
			.peers()
			.stream()
			.filter((p) -> p.nodeId().equals(peer.id()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(observer.id() + " has no peer " + peer.id()))
			.remoteAddress()
			.getAddress();
	}

	// Binds ::1 unless a property says otherwise (later values win, see TestNode).
	private TestNode start(String... properties) {
		List<String> all = new ArrayList<>(List.of("tcpnet.server.address=::1"));
		all.addAll(List.of(properties));
		all.add("tcpnet.cluster=" + this.cluster);
		// The IP paths are what is tested: same-host peers would take their socket files
		all.add("tcpnet.server.unix-socket.enabled=false");
		TestNode node = TestNode.start(all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

}
