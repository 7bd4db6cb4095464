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

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import dev.tcpnet.message.Headers;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TcpnetProtocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Headers on the wire (version 3): written after the topic behind a flag bit of the kind,
 * only on connections that negotiated them, and checked like every other length.
 */
class EnvelopeCodecHeadersTests {

	private static final Headers HEADERS = Headers.builder()
		.set("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
		.set("bin", new byte[] { 0, 1, 2 })
		.build();

	private final EnvelopeCodec writer = new EnvelopeCodec(true);

	private final EnvelopeCodec reader = new EnvelopeCodec(true);

	@Test
	void headersReadAsWrittenBetweenTopicAndPayload() {
		ByteBuf wire = Unpooled.buffer();
		Envelope sent = new Envelope(3, Envelope.Kind.REQUEST, 11, "orders", new byte[] { 42 }, HEADERS);
		this.writer.write(sent, wire);
		assertThat(this.writer.size(sent)).isEqualTo(wire.readableBytes());
		assertThat(wire.getUnsignedByte(13) & TcpnetProtocol.ENVELOPE_HEADERS).isNotZero();
		Envelope read = readNext(this.reader, wire);
		assertThat(read.kind()).isEqualTo(Envelope.Kind.REQUEST);
		assertThat(read.topic()).isEqualTo("orders");
		assertThat(read.payload()).containsExactly(42);
		assertThat(read.headers()).isEqualTo(HEADERS);
		assertThat(read.headers().getString("traceparent")).startsWith("00-0af7");
		assertThat(read.headers().get("bin")).containsExactly(0, 1, 2);
	}

	@Test
	void anEnvelopeWithoutHeadersIsTheSameBytesAsBefore() {
		ByteBuf withCodecOfVersion3 = Unpooled.buffer();
		this.writer.write(new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", new byte[8]), withCodecOfVersion3);
		ByteBuf withCodecOfVersion2 = Unpooled.buffer();
		new EnvelopeCodec(false).write(new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", new byte[8]),
				withCodecOfVersion2);
		assertThat(withCodecOfVersion3).isEqualTo(withCodecOfVersion2);
	}

	@Test
	void headersAreLeftOutOnAConnectionOfAnOlderVersion() {
		EnvelopeCodec older = new EnvelopeCodec(false);
		ByteBuf wire = Unpooled.buffer();
		Envelope sent = new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", new byte[] { 7 }, HEADERS);
		older.write(sent, wire);
		assertThat(older.size(sent)).isEqualTo(wire.readableBytes());
		ByteBuf plain = Unpooled.buffer();
		older.write(new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", new byte[] { 7 }), plain);
		assertThat(wire).isEqualTo(plain);
		Envelope read = readNext(new EnvelopeCodec(false), wire);
		assertThat(read.headers().isEmpty()).isTrue();
		assertThat(read.payload()).containsExactly(7);
	}

	@Test
	void headersOnAConnectionOfAnOlderVersionAreAViolation() {
		ByteBuf wire = Unpooled.buffer();
		this.writer.write(new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", new byte[0], HEADERS), wire);
		assertThatExceptionOfType(ProtocolViolationException.class)
			.isThrownBy(() -> readNext(new EnvelopeCodec(false), wire))
			.withMessageContaining("headers on a connection whose protocol version has none");
	}

	@Test
	void headersLargerThanTheLimitAreRefusedBeforeTheyAreRead() {
		ByteBuf wire = frameWithHeaderBlock(Headers.MAX_BYTES, 1);
		assertThatExceptionOfType(ProtocolViolationException.class).isThrownBy(() -> readNext(this.reader, wire))
			.withMessageContaining("headers of " + (Headers.MAX_BYTES + 2) + " bytes, the most is")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(RejectReason.LIMIT));
	}

	@Test
	void moreHeadersThanAllowedAreRefused() {
		ByteBuf wire = frameWithHeaderBlock(1, Headers.MAX_COUNT + 1);
		assertThatExceptionOfType(ProtocolViolationException.class).isThrownBy(() -> readNext(this.reader, wire))
			.withMessageContaining("17 headers, 1 to 16 are allowed");
	}

	@Test
	void headersLongerThanTheFrameAreRefused() {
		ByteBuf wire = Unpooled.buffer();
		this.writer.write(new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", new byte[0], HEADERS), wire);
		wire.setInt(0, wire.getInt(0) - 5);
		assertThatExceptionOfType(ProtocolViolationException.class).isThrownBy(() -> readNext(this.reader, wire))
			.withMessageContaining("headers of");
	}

	@Test
	void aHeaderThatOverrunsItsBlockIsRefused() {
		ByteBuf wire = Unpooled.buffer();
		this.writer.write(
				new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", new byte[4], Headers.builder().set("k", "v").build()),
				wire);
		// The value's length, after the block length, count, name length and name.
		int valueLength = EnvelopeCodec.HEADER_LENGTH + 1 + 2 + 1 + 1 + 1;
		wire.setShort(valueLength, 200);
		assertThatExceptionOfType(ProtocolViolationException.class).isThrownBy(() -> readNext(this.reader, wire))
			.withMessageContaining("header 'k' does not fit its headers");
	}

	@Test
	void anEmptyHeaderBlockIsRefused() {
		ByteBuf wire = frameWithHeaderBlock(1, 0);
		assertThatExceptionOfType(ProtocolViolationException.class).isThrownBy(() -> readNext(this.reader, wire))
			.withMessageContaining("0 headers");
	}

	// A data frame whose header block claims the given length and count, with nothing
	// in it.
	private static ByteBuf frameWithHeaderBlock(int blockLength, int count) {
		byte[] topic = "t".getBytes(StandardCharsets.UTF_8);
		ByteBuf wire = Unpooled.buffer();
		int length = 1 + 8 + 1 + 8 + 2 + topic.length + 3;
		wire.writeInt(length)
			.writeByte(TcpnetProtocol.MESSAGE)
			.writeLong(1)
			.writeByte(TcpnetProtocol.ENVELOPE_HEADERS)
			.writeLong(0)
			.writeShort(topic.length)
			.writeBytes(topic)
			.writeShort(blockLength)
			.writeByte(count);
		return wire;
	}

	private static Envelope readNext(EnvelopeCodec reader, ByteBuf wire) {
		int length = wire.readInt();
		Frame.Data data = reader.read(wire, wire.readerIndex(), length);
		wire.skipBytes(length);
		return data.envelope();
	}

}
