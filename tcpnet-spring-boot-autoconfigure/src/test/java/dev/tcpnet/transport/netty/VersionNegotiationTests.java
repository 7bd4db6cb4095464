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

import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TcpnetProtocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each side states the versions it speaks (lowest in the preface, highest in the hello's
 * flags); the pair speaks the highest both speak, and a node with no common version is
 * refused naming both.
 */
class VersionNegotiationTests {

	@Test
	void thePairSpeaksTheHighestVersionBothSpeak() {
		assertThat(TcpnetProtocol.VERSION).isEqualTo(3);
		assertThat(TcpnetProtocol.negotiatedVersion(0)).as("a version 1 hello has no version bits").isEqualTo(1);
		assertThat(TcpnetProtocol.negotiatedVersion(2 << TcpnetProtocol.FLAGS_VERSION_SHIFT)).isEqualTo(2);
		assertThat(TcpnetProtocol.negotiatedVersion(TcpnetProtocol.versionFlags())).isEqualTo(3);
		assertThat(TcpnetProtocol.negotiatedVersion(7 << TcpnetProtocol.FLAGS_VERSION_SHIFT)).isEqualTo(3);
		assertThat(TcpnetProtocol
			.negotiatedVersion((2 << TcpnetProtocol.FLAGS_VERSION_SHIFT) | TcpnetProtocol.FLAG_SECRET))
			.as("other flags do not count")
			.isEqualTo(2);
	}

	@Test
	void headersNeedVersionThree() {
		assertThat(TcpnetProtocol.HEADERS_VERSION).isEqualTo(3);
	}

	@Test
	void aPairOfVersionTwoSendsEnvelopesWithoutTheirHeaders() {
		assertThat(kindByteOfAnEnvelopeWithHeadersSentTo(2) & TcpnetProtocol.ENVELOPE_HEADERS).isZero();
	}

	@Test
	void aPairOfVersionThreeSendsTheHeaders() {
		assertThat(kindByteOfAnEnvelopeWithHeadersSentTo(3) & TcpnetProtocol.ENVELOPE_HEADERS).isNotZero();
	}

	// The handshake of this node ("local", the leader) with a remote whose highest
	// version is given, then one envelope with headers sent: its kind byte on the wire.
	private static int kindByteOfAnEnvelopeWithHeadersSentTo(int remoteVersion) {
		RecordingListener listener = new RecordingListener();
		EmbeddedChannel channel = Channels.inbound(NodeId.of("local"), 1 << 16, listener, null, 256);
		try {
			channel.writeInbound(Wire.preface(TcpnetProtocol.MAGIC, 1),
					Wire.frame(new Frame.Hello("test", NodeId.of("remote"), 1L, 7000, 42L,
							remoteVersion << TcpnetProtocol.FLAGS_VERSION_SHIFT,
							new byte[TcpnetProtocol.CHALLENGE_LENGTH])),
					Wire.frame(new Frame.Ready(Map.of())));
			assertThat(listener.connected).singleElement()
				.satisfies((connection) -> assertThat(connection.protocolVersion()).isEqualTo(remoteVersion));
			drain(channel);
			listener.connected.get(0)
				.send(new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", new byte[] { 1 },
						Headers.builder().set("traceparent", "00-a-b-01").build()));
			channel.runPendingTasks();
			ByteBuf written = drain(channel);
			while (written.readableBytes() >= 5) {
				int length = written.readInt();
				if (written.getByte(written.readerIndex()) == TcpnetProtocol.MESSAGE) {
					return written.getUnsignedByte(written.readerIndex() + 9);
				}
				written.skipBytes(length);
			}
			throw new AssertionError("no envelope was written");
		}
		finally {
			channel.finishAndReleaseAll();
		}
	}

	private static ByteBuf drain(EmbeddedChannel channel) {
		ByteBuf all = Unpooled.buffer();
		for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
			ByteBuf buf = (ByteBuf) out;
			all.writeBytes(buf);
			buf.release();
		}
		return all;
	}

	@Test
	void aNodeWhoseLowestVersionIsAboveThisOnesHighestIsRefusedNamingBoth() {
		EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1 << 20));
		assertThatExceptionOfType(DecoderException.class)
			.isThrownBy(() -> channel.writeInbound(Wire.preface(TcpnetProtocol.MAGIC, 4)))
			.havingCause()
			.isInstanceOfSatisfying(ProtocolViolationException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(RejectReason.VERSION))
			.withMessageContaining("it speaks protocol version 4 and up, this node speaks 1 to 3");
	}

}
