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
import java.util.List;
import java.util.Map;

import javax.jmdns.ServiceInfo;

import org.junit.jupiter.api.Test;

import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.TcpnetProtocol;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TXT record of a node with a Unix-domain socket carries its host identity and socket
 * file under the handshake's keys, and they come back out of the record's bytes.
 */
class MdnsTxtRecordTests {

	private static final String TYPE = "_tcpnet._tcp.local.";

	private static final String HOST = "0123456789abcdef0123456789abcdef";

	private static final String FILE = "/tmp/tcpnet/7000-4026531840.sock";

	private final LocalNode self = new LocalNode(NodeId.of("alpha"), "txt", 1, 7000,
			List.of(InetAddress.getLoopbackAddress()));

	@Test
	void theKeysAreTheHandshakeAttributes() {
		assertThat(MdnsServiceListener.HOST).isEqualTo(TcpnetProtocol.HOST_ATTRIBUTE);
		assertThat(MdnsServiceListener.UNIX_SOCKET).isEqualTo(TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE);
	}

	@Test
	void hostIdentityAndSocketFileTravelThroughTheRecord() {
		MdnsPeerDiscovery discovery = discovery(Map.of("zone", "eu-1"));
		discovery.transportAttributes(
				() -> Map.of(TcpnetProtocol.HOST_ATTRIBUTE, HOST, TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE, FILE));
		Map<String, String> txt = discovery.txtRecord(this.self);
		assertThat(txt).containsEntry("id", "alpha")
			.containsEntry("cluster", "txt")
			.containsEntry("zone", "eu-1")
			.containsEntry("tcpnet.host", HOST)
			.containsEntry("tcpnet.unix-socket", FILE);
		ServiceInfo resolved = throughTheWire(txt);
		assertThat(MdnsServiceListener.transportAttributes(resolved))
			.isEqualTo(Map.of(TcpnetProtocol.HOST_ATTRIBUTE, HOST, TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE, FILE));
	}

	@Test
	void aNodeWithoutASocketAdvertisesNeither() {
		MdnsPeerDiscovery discovery = discovery(Map.of());
		assertThat(discovery.txtRecord(this.self)).doesNotContainKeys("tcpnet.host", "tcpnet.unix-socket");
		discovery.transportAttributes(() -> Map.of(TcpnetProtocol.HOST_ATTRIBUTE, HOST));
		Map<String, String> txt = discovery.txtRecord(this.self);
		assertThat(txt).doesNotContainKeys("tcpnet.host", "tcpnet.unix-socket");
		assertThat(MdnsServiceListener.transportAttributes(throughTheWire(txt))).isEmpty();
	}

	@Test
	void aSocketFileLongerThanATxtStringIsNotAdvertised() {
		MdnsPeerDiscovery discovery = discovery(Map.of());
		String longFile = "/" + "d".repeat(250) + "/7000.sock";
		discovery.transportAttributes(
				() -> Map.of(TcpnetProtocol.HOST_ATTRIBUTE, HOST, TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE, longFile));
		Map<String, String> txt = discovery.txtRecord(this.self);
		assertThat(txt).doesNotContainKeys("tcpnet.host", "tcpnet.unix-socket").containsEntry("id", "alpha");
		assertThat(throughTheWire(txt).getTextBytes().length).isLessThan(256);
	}

	private static MdnsPeerDiscovery discovery(Map<String, String> metadata) {
		return new MdnsPeerDiscovery(List.of("127.0.0.1"), TYPE, TcpnetProtocol.VERSION, () -> metadata, List.of());
	}

	// Encoded as the TXT record's bytes, and read back as a resolving node reads them
	private static ServiceInfo throughTheWire(Map<String, String> txt) {
		byte[] bytes = ServiceInfo.create(TYPE, "alpha", 7000, 0, 0, txt).getTextBytes();
		return ServiceInfo.create(TYPE, "alpha", 7000, 0, 0, bytes);
	}

}
