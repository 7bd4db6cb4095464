package dev.tcpnet.transport.netty;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Netty's epoll transport reports for a dialed peer, turned into the address NIO
 * reports.
 */
class RemoteAddressTests {

	@Test
	void dialedPeerLosesTheHostNameEpollGivesIt() throws Exception {
		// As epoll's UnixChannelUtil.computeRemoteAddr builds it.
		InetSocketAddress reported = new InetSocketAddress(
				InetAddress.getByAddress("127.0.0.1", new byte[] { 127, 0, 0, 1 }), 7000);
		assertThat(reported).hasToString("127.0.0.1/127.0.0.1:7000");
		assertThat(RemoteAddress.addressOnly(reported)).hasToString("/127.0.0.1:7000")
			.isEqualTo(new InetSocketAddress("127.0.0.1", 7000));
	}

	@Test
	void linkLocalPeerGetsBackTheScopeThatOnlyTheHostStringKept() throws Exception {
		byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();
		InetSocketAddress reported = new InetSocketAddress(InetAddress.getByAddress("fe80:0:0:0:0:0:0:1%2", linkLocal),
				7000);
		assertThat(((Inet6Address) reported.getAddress()).getScopeId()).isZero();
		InetSocketAddress address = RemoteAddress.addressOnly(reported);
		assertThat(((Inet6Address) address.getAddress()).getScopeId()).isEqualTo(2);
		assertThat(address).hasToString("/[fe80:0:0:0:0:0:0:1%2]:7000");
	}

	@Test
	void scopedAddressKeepsItsScope() throws Exception {
		byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();
		InetSocketAddress reported = new InetSocketAddress(Inet6Address.getByAddress(null, linkLocal, 3), 7000);
		assertThat(RemoteAddress.addressOnly(reported)).isEqualTo(reported).hasToString("/[fe80:0:0:0:0:0:0:1%3]:7000");
	}

}
