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
