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

import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.TcpnetProtocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EnvelopeCodecTests {

	private final EnvelopeCodec writer = new EnvelopeCodec();

	private final EnvelopeCodec reader = new EnvelopeCodec();

	@Test
	void everyEnvelopeReadsAsWrittenAndARepeatedTopicIsTheSameString() {
		ByteBuf wire = Unpooled.buffer();
		String[] topics = { "orders", "orders", "ordets", "größe", "", "orders" };
		for (int i = 0; i < topics.length; i++) {
			this.writer.write(new Envelope(i + 1, Envelope.Kind.values()[i % 4], 100 + i, topics[i], new byte[i]),
					wire);
		}
		Envelope[] read = new Envelope[topics.length];
		for (int i = 0; i < topics.length; i++) {
			read[i] = readNext(wire);
			assertThat(read[i].seq()).isEqualTo(i + 1);
			assertThat(read[i].kind()).isEqualTo(Envelope.Kind.values()[i % 4]);
			assertThat(read[i].correlationId()).isEqualTo(100 + i);
			assertThat(read[i].topic()).isEqualTo(topics[i]);
			assertThat(read[i].payload()).hasSize(i);
		}
		assertThat(read[1].topic()).isSameAs(read[0].topic());
		assertThat(wire.isReadable()).isFalse();
	}

	@Test
	void theWireFormatIsLengthTypeFieldsTopicPayload() {
		ByteBuf wire = Unpooled.buffer();
		this.writer.write(new Envelope(7, Envelope.Kind.REPLY, 9, "t", new byte[] { 42 }), wire);
		assertThat(wire.readInt()).isEqualTo(1 + 8 + 1 + 8 + 2 + 1 + 1);
		assertThat(wire.readByte()).isEqualTo(TcpnetProtocol.MESSAGE);
		assertThat(wire.readLong()).isEqualTo(7);
		assertThat(wire.readUnsignedByte()).isEqualTo((short) Envelope.Kind.REPLY.code());
		assertThat(wire.readLong()).isEqualTo(9);
		assertThat(wire.readUnsignedShort()).isEqualTo(1);
		assertThat(wire.readByte()).isEqualTo((byte) 't');
		assertThat(wire.readByte()).isEqualTo((byte) 42);
		assertThat(wire.isReadable()).isFalse();
	}

	@Test
	void theSizeOfAFrameIsExactForTheLastTopic() {
		Envelope envelope = new Envelope(1, Envelope.Kind.MESSAGE, 0, "größe", new byte[10]);
		ByteBuf wire = Unpooled.buffer();
		this.writer.write(envelope, wire);
		assertThat(this.writer.size(envelope)).isEqualTo(wire.readableBytes());
	}

	@Test
	void aTopicLongerThanTheFrameIsRefused() {
		ByteBuf wire = Unpooled.buffer();
		this.writer.write(new Envelope(1, Envelope.Kind.MESSAGE, 0, "orders", new byte[0]), wire);
		wire.setInt(0, wire.getInt(0) - 2);
		assertThatExceptionOfType(ProtocolViolationException.class).isThrownBy(() -> readNext(wire))
			.withMessageContaining("topic of 6 bytes in a data frame of 24 bytes");
	}

	@Test
	void aFrameShorterThanItsFieldsIsRefused() {
		ByteBuf wire = Unpooled.buffer().writeByte(TcpnetProtocol.MESSAGE).writeLong(1);
		assertThatExceptionOfType(ProtocolViolationException.class)
			.isThrownBy(() -> this.reader.read(wire, 0, wire.readableBytes()))
			.withMessageContaining("data frame of 9 bytes");
	}

	@Test
	void anUnknownKindIsRefused() {
		ByteBuf wire = Unpooled.buffer();
		this.writer.write(new Envelope(1, Envelope.Kind.MESSAGE, 0, "orders", new byte[0]), wire);
		wire.setByte(13, 99);
		assertThatExceptionOfType(ProtocolViolationException.class).isThrownBy(() -> readNext(wire))
			.withMessageContaining("unknown envelope kind 99");
	}

	@Test
	void aTopicOfTheLastOnesLengthButOtherBytesIsReadAnew() {
		ByteBuf wire = Unpooled.buffer();
		this.writer.write(new Envelope(1, Envelope.Kind.MESSAGE, 0, "orders", new byte[0]), wire);
		this.writer.write(new Envelope(2, Envelope.Kind.MESSAGE, 0, "ordets", new byte[0]), wire);
		assertThat(readNext(wire).topic()).isEqualTo("orders");
		assertThat(readNext(wire).topic()).isEqualTo("ordets");
	}

	@Test
	void aRepeatedTopicIsEncodedOnce() {
		ByteBuf first = Unpooled.buffer();
		this.writer.write(new Envelope(1, Envelope.Kind.MESSAGE, 0, "größe", new byte[0]), first);
		ByteBuf second = Unpooled.buffer();
		this.writer.write(new Envelope(1, Envelope.Kind.MESSAGE, 0, new String("größe"), new byte[0]), second);
		assertThat(second).isEqualTo(first);
		assertThat(first.toString(EnvelopeCodec.HEADER_LENGTH, first.readableBytes() - EnvelopeCodec.HEADER_LENGTH,
				StandardCharsets.UTF_8))
			.isEqualTo("größe");
	}

	private Envelope readNext(ByteBuf wire) {
		int length = wire.readInt();
		Frame.Data data = this.reader.read(wire, wire.readerIndex(), length);
		wire.skipBytes(length);
		return data.envelope();
	}

}
