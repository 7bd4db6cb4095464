package dev.tcpnet.ipv6;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.support.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * IPv6-only on ::1: the acceptor and static seeds in brackets. (mDNS over IPv6 needs
 * multicast on the interface; the host's loopback has none, so it is not tested here.)
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

	private TestNode start(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("tcpnet.cluster=" + this.cluster);
		all.add("tcpnet.server.address=::1");
		TestNode node = TestNode.start(all.toArray(String[]::new));
		this.nodes.add(node);
		return node;
	}

}
