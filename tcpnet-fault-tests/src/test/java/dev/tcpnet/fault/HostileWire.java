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

package dev.tcpnet.fault;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The tcpnet wire written by hand, as an outsider reads it off the protocol description
 * ({@code TcpnetProtocol}, {@code FrameCodec}, {@code EnvelopeCodec}), protocol version 1
 * as it is today: a preface (the magic {@code TCPN} and a version byte), then frames of a
 * four-byte big-endian length (of what follows it), a one-byte type and the body. Strings
 * are an unsigned 16-bit length and UTF-8 bytes. Nothing here uses the library's classes:
 * a change to the library's codec must not change what the attackers send.
 */
final class HostileWire {

	static final int MAGIC = 0x5443504E;

	static final int VERSION = 1;

	static final byte HELLO = 1;

	static final byte MESSAGE = 3;

	static final byte GOODBYE = 4;

	static final byte ACK = 7;

	static final byte PING = 8;

	static final byte PONG = 9;

	/** Envelope kinds: a message, and a request (answered by a reply). */
	static final int KIND_MESSAGE = 0;

	static final int KIND_REQUEST = 1;

	static final int CHALLENGE_LENGTH = 32;

	private HostileWire() {
	}

	static byte[] preface() {
		return ByteBuffer.allocate(5).putInt(MAGIC).put((byte) VERSION).array();
	}

	/** A frame header alone: a length that says what is to follow it, and a type. */
	static byte[] header(int length, byte type) {
		return ByteBuffer.allocate(5).putInt(length).put(type).array();
	}

	/**
	 * A hello without flags (no shared secret): cluster, node id, incarnation, listen
	 * port, nonce, flags, challenge.
	 */
	static byte[] hello(String cluster, String nodeId, int listenPort) {
		byte[] clusterBytes = cluster.getBytes(StandardCharsets.UTF_8);
		byte[] idBytes = nodeId.getBytes(StandardCharsets.UTF_8);
		ByteBuffer body = ByteBuffer
			.allocate(2 + clusterBytes.length + 2 + idBytes.length + 8 + 2 + 8 + 1 + CHALLENGE_LENGTH);
		body.putShort((short) clusterBytes.length).put(clusterBytes);
		body.putShort((short) idBytes.length).put(idBytes);
		body.putLong(1L);
		body.putShort((short) listenPort);
		body.putLong(nodeId.hashCode());
		body.put((byte) 0);
		body.put(new byte[CHALLENGE_LENGTH]);
		return frame(HELLO, body.array());
	}

	/**
	 * A data frame: sequence number, kind, correlation id, topic, payload.
	 */
	static byte[] envelope(long seq, int kind, long correlationId, String topic, byte[] payload) {
		byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
		ByteBuffer body = ByteBuffer.allocate(8 + 1 + 8 + 2 + topicBytes.length + payload.length);
		body.putLong(seq).put((byte) kind).putLong(correlationId);
		body.putShort((short) topicBytes.length).put(topicBytes).put(payload);
		return frame(MESSAGE, body.array());
	}

	static byte[] ping(long nanos) {
		return frame(PING, ByteBuffer.allocate(8).putLong(nanos).array());
	}

	static byte[] frame(byte type, byte[] body) {
		return ByteBuffer.allocate(4 + 1 + body.length).putInt(1 + body.length).put(type).put(body).array();
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/**
	 * As many copies of a frame as fit {@code bytes}: one large write of many small
	 * frames.
	 */
	static byte[] repeated(byte[] frame, int bytes) {
		int copies = Math.max(1, bytes / frame.length);
		byte[] block = new byte[copies * frame.length];
		for (int i = 0; i < copies; i++) {
			System.arraycopy(frame, 0, block, i * frame.length, frame.length);
		}
		return block;
	}

}
