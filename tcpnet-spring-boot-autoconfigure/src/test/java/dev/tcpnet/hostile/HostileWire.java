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

package dev.tcpnet.hostile;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * The wire format written independently of the library's codec, following the layout that
 * {@code TcpnetProtocol} and {@code FrameCodec} document: a preface (magic, version),
 * then frames of a four-byte length (of what follows it), a one-byte type and the body;
 * strings are an unsigned 16-bit length and UTF-8 bytes. Bytes as a hostile client builds
 * them.
 */
final class HostileWire {

	private HostileWire() {
	}

	static byte[] preface() {
		return preface(TcpnetProtocol.MAGIC, TcpnetProtocol.MIN_VERSION);
	}

	static byte[] preface(int magic, int version) {
		return ByteBuffer.allocate(TcpnetProtocol.PREFACE_LENGTH).putInt(magic).put((byte) version).array();
	}

	/** A frame whose length field says what it really holds. */
	static byte[] frame(byte type, byte[] body) {
		return ByteBuffer.allocate(4 + 1 + body.length).putInt(1 + body.length).put(type).put(body).array();
	}

	/** Only a length field, whatever its value, and the given bytes after it. */
	static byte[] rawFrame(int length, byte... rest) {
		return ByteBuffer.allocate(4 + rest.length).putInt(length).put(rest).array();
	}

	static byte[] hello(String cluster, String nodeId, int listenPort, long nonce, int flags, byte[] challenge) {
		return frame(TcpnetProtocol.HELLO, body((out) -> {
			writeString(out, cluster);
			writeString(out, nodeId);
			out.writeLong(1L);
			out.writeShort(listenPort);
			out.writeLong(nonce);
			out.writeByte(flags);
			out.write(challenge);
		}));
	}

	static byte[] auth(byte[] proof) {
		return frame(TcpnetProtocol.AUTH, proof);
	}

	/** An application message: envelope of sequence number, kind 0, no correlation id. */
	static byte[] message(long seq, String topic, byte[] payload) {
		return envelope(seq, 0, 0L, topic, payload);
	}

	static byte[] envelope(long seq, int kind, long correlationId, String topic, byte[] payload) {
		return frame(TcpnetProtocol.MESSAGE, body((out) -> {
			out.writeLong(seq);
			out.writeByte(kind);
			out.writeLong(correlationId);
			writeString(out, topic);
			out.write(payload);
		}));
	}

	static byte[] ack(long seq) {
		return frame(TcpnetProtocol.ACK, ByteBuffer.allocate(8).putLong(seq).array());
	}

	static byte[] ping(long nanos) {
		return frame(TcpnetProtocol.PING, ByteBuffer.allocate(8).putLong(nanos).array());
	}

	static byte[] pong(long nanos) {
		return frame(TcpnetProtocol.PONG, ByteBuffer.allocate(8).putLong(nanos).array());
	}

	/**
	 * A peer-exchange frame: a count, then for each peer its node id, address length and
	 * bytes, and port.
	 */
	static byte[] peers(int count, List<String> nodeIds, List<byte[]> addresses, List<Integer> ports) {
		return frame(TcpnetProtocol.PEERS, body((out) -> {
			out.writeShort(count);
			for (int i = 0; i < nodeIds.size(); i++) {
				writeString(out, nodeIds.get(i));
				out.writeByte(addresses.get(i).length);
				out.write(addresses.get(i));
				out.writeShort(ports.get(i));
			}
		}));
	}

	static byte[] reject(RejectReason reason, String text) {
		return frame(TcpnetProtocol.REJECT, body((out) -> {
			out.writeByte(reason.code());
			writeString(out, text);
		}));
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/**
	 * Splits what a node sent: its preface, then whole frames; a trailing partial frame
	 * is ignored.
	 * @param bytes the bytes received
	 * @return the frames, or an empty list when the bytes do not start with a valid
	 * preface
	 */
	static List<Frame> parse(byte[] bytes) {
		ByteBuffer in = ByteBuffer.wrap(bytes);
		if (in.remaining() < TcpnetProtocol.PREFACE_LENGTH || in.getInt() != TcpnetProtocol.MAGIC
				|| in.get() != TcpnetProtocol.MIN_VERSION) {
			return List.of();
		}
		return frames(in);
	}

	/** Splits frames, without a preface, up to the last whole one. */
	static List<Frame> frames(ByteBuffer in) {
		List<Frame> frames = new ArrayList<>();
		while (in.remaining() >= 4) {
			int length = in.getInt(in.position());
			if (length < 1 || in.remaining() < 4 + length) {
				break;
			}
			in.getInt();
			byte type = in.get();
			byte[] body = new byte[length - 1];
			in.get(body);
			frames.add(new Frame(type, body));
		}
		return frames;
	}

	private static byte[] body(BodyWriter writer) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			DataOutputStream out = new DataOutputStream(bytes);
			writer.write(out);
			out.flush();
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		out.writeShort(utf8.length);
		out.write(utf8);
	}

	private static String readString(ByteBuffer in) {
		byte[] utf8 = new byte[Short.toUnsignedInt(in.getShort())];
		in.get(utf8);
		return new String(utf8, StandardCharsets.UTF_8);
	}

	@FunctionalInterface
	private interface BodyWriter {

		void write(DataOutputStream out) throws IOException;

	}

	/**
	 * One frame as received: its type and body.
	 */
	record Frame(byte type, byte[] body) {

		Hello hello() {
			if (this.type != TcpnetProtocol.HELLO) {
				throw new IllegalStateException("Not a hello but type " + this.type);
			}
			ByteBuffer in = ByteBuffer.wrap(this.body);
			String cluster = readString(in);
			String nodeId = readString(in);
			long incarnation = in.getLong();
			int listenPort = Short.toUnsignedInt(in.getShort());
			long nonce = in.getLong();
			int flags = Byte.toUnsignedInt(in.get());
			byte[] challenge = new byte[TcpnetProtocol.CHALLENGE_LENGTH];
			in.get(challenge);
			return new Hello(cluster, nodeId, incarnation, listenPort, nonce, flags, challenge);
		}

		RejectReason rejectReason() {
			if (this.type != TcpnetProtocol.REJECT) {
				throw new IllegalStateException("Not a reject but type " + this.type);
			}
			return RejectReason.ofCode(Byte.toUnsignedInt(this.body[0]));
		}

		@Override
		public String toString() {
			return "Frame[type=" + this.type + ", " + this.body.length + " bytes]";
		}

	}

	/**
	 * A decoded hello.
	 */
	record Hello(String cluster, String nodeId, long incarnation, int listenPort, long nonce, int flags,
			byte[] challenge) {
	}

}
