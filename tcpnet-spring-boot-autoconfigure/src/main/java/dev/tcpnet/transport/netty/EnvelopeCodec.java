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

import dev.tcpnet.message.Headers;
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
 *
 * <p>
 * From protocol version 3, the kind's high bit says that headers follow the topic (see
 * {@link Headers} for their layout); without the bit nothing is added, so a frame without
 * headers is byte for byte what versions 1 and 2 send. On a connection of an older
 * version headers are left out when writing, and the bit is a protocol violation when
 * reading, as it is for an older node (whose receivers know no such kind).
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

	// Whether the connection's version carries headers.
	private boolean headers;

	EnvelopeCodec() {
		this(false);
	}

	EnvelopeCodec(boolean headers) {
		this.headers = headers;
	}

	/**
	 * Says whether headers travel on this connection: whether the pair negotiated version
	 * 3 or later.
	 * @param headers whether they do
	 */
	void headers(boolean headers) {
		this.headers = headers;
	}

	/**
	 * Appends a data frame with its length prefix.
	 * @param envelope the envelope
	 * @param out the buffer to append to
	 * @throws IllegalArgumentException when the topic does not fit a 16-bit length
	 */
	void write(Envelope envelope, ByteBuf out) {
		int headerBytes = headerBytes(envelope);
		byte[] header = fixedFields(envelope.seq(), envelope.kind(), envelope.correlationId(), envelope.topic(),
				headerBytes, envelope.payload().length);
		out.writeBytes(header);
		if (headerBytes != 0) {
			writeHeaders(envelope.headers(), headerBytes, out);
		}
		out.writeBytes(envelope.payload());
	}

	/**
	 * Appends the data frame of a message without headers or correlation id, with its
	 * length prefix, as {@link #write(Envelope, ByteBuf)} would write its envelope.
	 * @param seq the sequence number
	 * @param topic the topic
	 * @param payload the payload
	 * @param out the buffer to append to
	 * @throws IllegalArgumentException when the topic does not fit a 16-bit length
	 */
	void writeMessage(long seq, String topic, byte[] payload, ByteBuf out) {
		out.writeBytes(fixedFields(seq, Envelope.Kind.MESSAGE, 0, topic, 0, payload.length));
		out.writeBytes(payload);
	}

	// The frame up to its headers, in the reused header array.
	private byte[] fixedFields(long seq, Envelope.Kind kind, long correlationId, String topic, int headerBytes,
			int payloadLength) {
		byte[] header = headerFor(topic);
		INT.set(header, 0, header.length - 4 + headerBytes + payloadLength);
		LONG.set(header, 5, seq);
		header[13] = (byte) (kind.code() | ((headerBytes != 0) ? TcpnetProtocol.ENVELOPE_HEADERS : 0));
		LONG.set(header, 14, correlationId);
		return header;
	}

	private int headerBytes(Envelope envelope) {
		return this.headers ? envelope.headers().encodedSize() : 0;
	}

	private static void writeHeaders(Headers headers, int size, ByteBuf out) {
		out.writeShort(size - 2);
		out.writeByte(headers.size());
		headers.forEach((name, value) -> {
			byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
			out.writeByte(bytes.length);
			out.writeBytes(bytes);
			out.writeShort(value.length);
			out.writeBytes(value);
		});
	}

	/**
	 * The bytes a data frame takes with its length prefix (a guess for a topic not seen
	 * yet).
	 * @param envelope the envelope
	 * @return the size in bytes
	 */
	int size(Envelope envelope) {
		return messageSize(envelope.topic(), envelope.payload()) + headerBytes(envelope);
	}

	/**
	 * The bytes the data frame of a message without headers takes with its length prefix
	 * (a guess for a topic not seen yet).
	 * @param topic the topic
	 * @param payload the payload
	 * @return the size in bytes
	 */
	int messageSize(String topic, byte[] payload) {
		int topicBytes = topic.equals(this.writtenTopic) ? this.header.length - HEADER_LENGTH : topic.length() * 3;
		return HEADER_LENGTH + topicBytes + payload.length;
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
		int rest = length - FIELDS_LENGTH - topicLength;
		if (rest < 0) {
			throw malformed("topic of " + topicLength + " bytes in a data frame of " + length + " bytes");
		}
		String topic = readTopic(in, index + FIELDS_LENGTH, topicLength);
		int at = index + FIELDS_LENGTH + topicLength;
		Headers headers = Headers.EMPTY;
		if ((kind & TcpnetProtocol.ENVELOPE_HEADERS) != 0) {
			if (!this.headers) {
				throw malformed("headers on a connection whose protocol version has none");
			}
			headers = readHeaders(in, at, rest);
			at += headers.encodedSize();
			rest -= headers.encodedSize();
			kind &= ~TcpnetProtocol.ENVELOPE_HEADERS;
		}
		byte[] payload = new byte[rest];
		in.getBytes(at, payload);
		try {
			return new Frame.Data(
					new Envelope(seq, Envelope.Kind.ofCode(kind), correlationId, topic, payload, headers));
		}
		catch (IllegalArgumentException ex) {
			throw malformed(ex.getMessage());
		}
	}

	// Every length is checked against what is left before anything is allocated.
	private Headers readHeaders(ByteBuf in, int index, int available) {
		if (available < 3) {
			throw malformed("headers cut short");
		}
		int size = 2 + in.getUnsignedShort(index);
		if (size > Headers.MAX_BYTES) {
			throw new ProtocolViolationException(RejectReason.LIMIT,
					"headers of " + size + " bytes, the most is " + Headers.MAX_BYTES);
		}
		if (size > available) {
			throw malformed("headers of " + size + " bytes in " + available + " bytes");
		}
		int count = in.getUnsignedByte(index + 2);
		if (count == 0 || count > Headers.MAX_COUNT) {
			throw new ProtocolViolationException(RejectReason.LIMIT,
					count + " headers, 1 to " + Headers.MAX_COUNT + " are allowed");
		}
		int end = index + size;
		int at = index + 3;
		Headers.Builder builder = Headers.builder();
		for (int i = 0; i < count; i++) {
			int nameLength = (at < end) ? in.getUnsignedByte(at) : -1;
			if (nameLength < 1 || nameLength > Headers.MAX_NAME_BYTES || at + 1 + nameLength + 2 > end) {
				throw malformed("header " + (i + 1) + " of " + count + " does not fit its headers");
			}
			String name = in.toString(at + 1, nameLength, StandardCharsets.UTF_8);
			at += 1 + nameLength;
			int valueLength = in.getUnsignedShort(at);
			if (at + 2 + valueLength > end) {
				throw malformed("header '" + Printable.of(name, 64) + "' does not fit its headers");
			}
			byte[] value = new byte[valueLength];
			in.getBytes(at + 2, value);
			at += 2 + valueLength;
			builder.set(name, value);
		}
		Headers headers = builder.build();
		if (at != end || headers.size() != count || headers.encodedSize() != size) {
			throw malformed("headers of " + size + " bytes hold more than their " + count + " headers");
		}
		return headers;
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
