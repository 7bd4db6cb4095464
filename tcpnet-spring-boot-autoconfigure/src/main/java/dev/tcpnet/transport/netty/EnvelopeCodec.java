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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;

import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * Writes and reads data frames: length, type, sequence number, kind, correlation id,
 * topic (an unsigned 16-bit length and UTF-8 bytes), payload. The fixed fields go through
 * a byte array, so a frame costs two bulk copies instead of a bounds and reference-count
 * check per field; and the last topic's bytes and string are reused, since a stream of
 * messages mostly keeps its topic. For small messages these checks and conversions took a
 * third of a network thread's time. One instance per connection and direction, used by
 * one thread at a time.
 */
final class EnvelopeCodec {

	/** Bytes of a data frame before its topic's bytes, with the length prefix. */
	static final int HEADER_LENGTH = 4 + 1 + 8 + 1 + 8 + 2;

	// The same fields without the length prefix: where reading starts.
	private static final int FIELDS_LENGTH = HEADER_LENGTH - 4;

	private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

	// Writing: the last topic, and a header with its bytes in place.
	private String writtenTopic = "";

	private byte[] header = newHeader(new byte[0]);

	// Reading: the last topic's bytes and string, and room to compare the next one's.
	private byte[] readTopicBytes = new byte[0];

	private String readTopic = "";

	private byte[] scratch = new byte[64];

	/**
	 * Appends a data frame with its length prefix.
	 * @param envelope the envelope
	 * @param out the buffer to append to
	 * @throws IllegalArgumentException when the topic does not fit a 16-bit length
	 */
	void write(Envelope envelope, ByteBuf out) {
		byte[] header = headerFor(envelope.topic());
		byte[] payload = envelope.payload();
		INT.set(header, 0, header.length - 4 + payload.length);
		LONG.set(header, 5, envelope.seq());
		header[13] = (byte) envelope.kind().code();
		LONG.set(header, 14, envelope.correlationId());
		out.writeBytes(header);
		out.writeBytes(payload);
	}

	/**
	 * The bytes a data frame takes with its length prefix (a guess for a topic not seen
	 * yet).
	 * @param envelope the envelope
	 * @return the size in bytes
	 */
	int size(Envelope envelope) {
		String topic = envelope.topic();
		int topicBytes = topic.equals(this.writtenTopic) ? this.header.length - HEADER_LENGTH : topic.length() * 3;
		return HEADER_LENGTH + topicBytes + envelope.payload().length;
	}

	private byte[] headerFor(String topic) {
		if (!topic.equals(this.writtenTopic)) {
			byte[] bytes = topic.getBytes(StandardCharsets.UTF_8);
			if (bytes.length > 0xFFFF) {
				throw new IllegalArgumentException("topic of " + bytes.length + " bytes is too long for a frame");
			}
			this.header = newHeader(bytes);
			this.writtenTopic = topic;
		}
		return this.header;
	}

	private static byte[] newHeader(byte[] topic) {
		byte[] header = new byte[HEADER_LENGTH + topic.length];
		header[4] = TcpnetProtocol.MESSAGE;
		SHORT.set(header, HEADER_LENGTH - 2, (short) topic.length);
		System.arraycopy(topic, 0, header, HEADER_LENGTH, topic.length);
		return header;
	}

	/**
	 * Reads the data frame of {@code length} bytes (from its type on) at {@code index};
	 * leaves the reader index alone.
	 * @param in the buffer
	 * @param index where the frame starts
	 * @param length the frame's length, without its prefix
	 * @return the data frame
	 * @throws ProtocolViolationException when the frame is malformed
	 */
	Frame.Data read(ByteBuf in, int index, int length) {
		if (length < FIELDS_LENGTH) {
			throw malformed("data frame of " + length + " bytes");
		}
		byte[] fields = scratch(FIELDS_LENGTH);
		in.getBytes(index, fields, 0, FIELDS_LENGTH);
		long seq = (long) LONG.get(fields, 1);
		int kind = fields[9] & 0xFF;
		long correlationId = (long) LONG.get(fields, 10);
		int topicLength = (short) SHORT.get(fields, 18) & 0xFFFF;
		int payloadLength = length - FIELDS_LENGTH - topicLength;
		if (payloadLength < 0) {
			throw malformed("topic of " + topicLength + " bytes in a data frame of " + length + " bytes");
		}
		String topic = readTopic(in, index + FIELDS_LENGTH, topicLength);
		byte[] payload = new byte[payloadLength];
		in.getBytes(index + FIELDS_LENGTH + topicLength, payload);
		try {
			return new Frame.Data(new Envelope(seq, Envelope.Kind.ofCode(kind), correlationId, topic, payload));
		}
		catch (IllegalArgumentException ex) {
			throw malformed(ex.getMessage());
		}
	}

	private String readTopic(ByteBuf in, int index, int length) {
		if (length == this.readTopicBytes.length) {
			byte[] bytes = scratch(length);
			in.getBytes(index, bytes, 0, length);
			if (Arrays.equals(bytes, 0, length, this.readTopicBytes, 0, length)) {
				return this.readTopic;
			}
		}
		byte[] bytes = new byte[length];
		in.getBytes(index, bytes);
		this.readTopicBytes = bytes;
		this.readTopic = new String(bytes, StandardCharsets.UTF_8);
		return this.readTopic;
	}

	private byte[] scratch(int length) {
		if (this.scratch.length < length) {
			this.scratch = new byte[length];
		}
		return this.scratch;
	}

	private static ProtocolViolationException malformed(String why) {
		return new ProtocolViolationException(RejectReason.PROTOCOL, "malformed frame: " + why);
	}

}
