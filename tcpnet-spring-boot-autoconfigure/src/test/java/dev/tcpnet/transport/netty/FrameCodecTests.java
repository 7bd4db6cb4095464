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
import java.util.List;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.PeerAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Frames survive encoding and decoding unchanged.
 */
class FrameCodecTests {

	@Test
	void peersFrameCarriesIpv4AndIpv6Addresses() throws Exception {
		List<PeerAddress> peers = List.of(
				new PeerAddress(NodeId.of("a"), new InetSocketAddress(InetAddress.getByName("10.0.0.7"), 7000)),
				new PeerAddress(NodeId.of("b"), new InetSocketAddress(InetAddress.getByName("::1"), 7001)));
		assertThat(roundTrip(new Frame.Peers(peers))).isEqualTo(new Frame.Peers(peers));
	}

	@Test
	void dataFrameKeepsSequenceKindCorrelationTopicAndPayload() {
		Envelope envelope = new Envelope(42, Envelope.Kind.REQUEST, 7, "tópico", new byte[] { 1, 2, 3 });
		Frame.Data decoded = (Frame.Data) roundTrip(new Frame.Data(envelope));
		assertThat(decoded.envelope().seq()).isEqualTo(42);
		assertThat(decoded.envelope().kind()).isEqualTo(Envelope.Kind.REQUEST);
		assertThat(decoded.envelope().correlationId()).isEqualTo(7);
		assertThat(decoded.envelope().topic()).isEqualTo("tópico");
		assertThat(decoded.envelope().payload()).containsExactly(1, 2, 3);
	}

	@Test
	void peersFrameWithAnOddAddressLengthIsRefused() {
		ByteBuf body = io.netty.buffer.Unpooled.buffer()
			.writeByte(dev.tcpnet.transport.TcpnetProtocol.PEERS)
			.writeShort(1)
			.writeShort(1)
			.writeByte('a')
			.writeByte(5)
			.writeBytes(new byte[5])
			.writeShort(7000);
		assertThatExceptionOfType(ProtocolViolationException.class).isThrownBy(() -> FrameCodec.decode(body));
	}

	private static Frame roundTrip(Frame frame) {
		ByteBuf bytes = Wire.frame(frame);
		bytes.skipBytes(4);
		return FrameCodec.decode(bytes);
	}

}
