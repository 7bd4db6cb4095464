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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.TcpnetProtocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * What each side says about itself in its READY or WELCOME frame (version 2) reaches the
 * other side's connection before it completes; attributes are bounded in bytes.
 */
class HandshakeAttributesTests {

	private final List<NettyTransport> transports = new ArrayList<>();

	@AfterEach
	void close() {
		this.transports.forEach(NettyTransport::close);
	}

	@Test
	void readyAndWelcomeCarryTheirAttributesWhole() {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("http-port", "8080");
		attributes.put("zone", "eu-west-1a ünïcode");
		attributes.put("empty", "");
		assertThat(roundTrip(new Frame.Ready(attributes))).isEqualTo(new Frame.Ready(attributes));
		assertThat(roundTrip(new Frame.Welcome(Map.of()))).isEqualTo(new Frame.Welcome(Map.of()));
	}

	@Test
	void attributesBeyondTheirBoundAreNeitherWrittenNorRead() {
		Map<String, String> large = Map.of("big", "x".repeat(TcpnetProtocol.MAX_ATTRIBUTES_BYTES));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FrameCodec.writeLengthPrefixed(new Frame.Ready(large), Unpooled.buffer()));
		ByteBuf hostile = Unpooled.buffer().writeByte(TcpnetProtocol.READY).writeShort(1);
		hostile.writeShort(3).writeBytes("big".getBytes()).writeShort(3000).writeZero(3000);
		assertThatExceptionOfType(ProtocolViolationException.class).isThrownBy(() -> FrameCodec.decode(hostile))
			.withMessageContaining("attributes of");
	}

	@Test
	void eachSideSeesTheOtherSideAttributesOnItsConnection() {
		NettyTransport a = transport("a-node", Map.of("role", "leader", "http-port", "1111"));
		NettyTransport b = transport("b-node", Map.of("role", "follower"));
		RecordingListener aSide = new RecordingListener();
		RecordingListener bSide = new RecordingListener();
		a.bind(loopback(), aSide);
		InetSocketAddress bAddress = b.bind(loopback(), bSide);
		a.dial(bAddress);
		await().untilAsserted(() -> {
			assertThat(aSide.connected).hasSize(1);
			assertThat(bSide.connected).hasSize(1);
		});
		assertThat(aSide.connected.get(0).remote().attributes()).containsExactly(Map.entry("role", "follower"));
		assertThat(bSide.connected.get(0).remote().attributes()).containsOnly(Map.entry("role", "leader"),
				Map.entry("http-port", "1111"));
		assertThat(aSide.connected.get(0).protocolVersion()).isEqualTo(TcpnetProtocol.VERSION);
	}

	private NettyTransport transport(String id, Map<String, String> attributes) {
		NettyTransport transport = new NettyTransport("attributes", NodeId.of(id), 1L,
				NettyTransport.Settings.plain(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20));
		transport.localAttributes(() -> attributes);
		this.transports.add(transport);
		return transport;
	}

	private static Frame roundTrip(Frame frame) {
		ByteBuf buf = Unpooled.buffer();
		FrameCodec.writeLengthPrefixed(frame, buf);
		int length = buf.readInt();
		return FrameCodec.decode(buf.readSlice(length));
	}

	private static InetSocketAddress loopback() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
	}

}
