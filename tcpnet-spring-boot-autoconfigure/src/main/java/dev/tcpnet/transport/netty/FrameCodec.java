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
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.PeerAddress;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * Turns a {@link Frame} into its length-prefixed bytes, and a frame's bytes (type and
 * body, for {@link FrameDecoder}) into a {@link Frame}. Strings travel as an unsigned
 * 16-bit length and UTF-8 bytes. Data frames, the many, are {@link EnvelopeCodec}'s.
 */
class FrameCodec extends MessageToMessageEncoder<Frame> {

	// Only the channel's event loop encodes.
	private final EnvelopeCodec envelopes = new EnvelopeCodec();

	@Override
	protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
		ByteBuf buf = ctx.alloc().buffer(estimateSize(frame, this.envelopes));
		writeLengthPrefixed(frame, buf, this.envelopes);
		out.add(buf);
	}

	/** Appends a frame with its length prefix. */
	static void writeLengthPrefixed(Frame frame, ByteBuf out) {
		writeLengthPrefixed(frame, out, new EnvelopeCodec());
	}

	/** Appends a frame with its length prefix, data frames by {@code envelopes}. */
	static void writeLengthPrefixed(Frame frame, ByteBuf out, EnvelopeCodec envelopes) {
		if (frame instanceof Frame.Data data) {
			envelopes.write(data.envelope(), out);
			return;
		}
		int lengthIndex = out.writerIndex();
		out.writeInt(0);
		writeFrame(frame, out);
		out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
	}

	/**
	 * Reads the frame of {@code length} bytes (type and body) at {@code index}; leaves
	 * the reader index alone. Data frames are read by {@code envelopes}, in place.
	 * @throws ProtocolViolationException when it is malformed
	 */
	static Frame decode(ByteBuf in, int index, int length, EnvelopeCodec envelopes) {
		try {
			if (in.getByte(index) == TcpnetProtocol.MESSAGE) {
				return envelopes.read(in, index, length);
			}
			return readFrame(in.slice(index, length));
		}
		catch (IndexOutOfBoundsException | IllegalArgumentException ex) {
			throw new ProtocolViolationException(RejectReason.PROTOCOL, "malformed frame: " + ex.getMessage());
		}
	}

	/**
	 * Reads one frame that fills {@code in}.
	 * @throws ProtocolViolationException when it is malformed
	 */
	static Frame decode(ByteBuf in) {
		Frame frame = decode(in, in.readerIndex(), in.readableBytes(), new EnvelopeCodec());
		in.skipBytes(in.readableBytes());
		return frame;
	}

	// Every frame but data frames, which EnvelopeCodec reads.
	private static Frame readFrame(ByteBuf in) {
		byte type = in.readByte();
		Frame frame = switch (type) {
			case TcpnetProtocol.HELLO -> new Frame.Hello(readString(in, TcpnetProtocol.MAX_CLUSTER_BYTES, "cluster"),
					readNodeId(in), in.readLong(), in.readUnsignedShort(), in.readLong(), in.readUnsignedByte(),
					readBytes(in, TcpnetProtocol.CHALLENGE_LENGTH));
			case TcpnetProtocol.AUTH -> new Frame.Auth(readRemaining(in));
			case TcpnetProtocol.REJECT -> new Frame.Reject(RejectReason.ofCode(in.readUnsignedByte()), readReason(in));
			case TcpnetProtocol.READY -> new Frame.Ready(readAttributes(in));
			case TcpnetProtocol.WELCOME -> new Frame.Welcome(readAttributes(in));
			case TcpnetProtocol.RESUME -> new Frame.Resume(in.readLong());
			case TcpnetProtocol.ACK -> new Frame.Ack(in.readLong());
			case TcpnetProtocol.PING -> new Frame.Ping(in.readLong());
			case TcpnetProtocol.PEERS -> new Frame.Peers(readPeers(in));
			case TcpnetProtocol.PONG -> new Frame.Pong(in.readLong());
			case TcpnetProtocol.GOODBYE -> new Frame.Goodbye();
			case TcpnetProtocol.DUPLICATE -> new Frame.Duplicate();
			default -> throw new ProtocolViolationException(RejectReason.PROTOCOL, "unknown frame type " + type);
		};
		if (in.isReadable()) {
			throw new ProtocolViolationException(RejectReason.PROTOCOL,
					in.readableBytes() + " unexpected bytes after frame type " + type);
		}
		return frame;
	}

	// Every frame but data frames, which EnvelopeCodec writes.
	private static void writeFrame(Frame frame, ByteBuf out) {
		if (frame instanceof Frame.Ack ack) {
			out.writeByte(TcpnetProtocol.ACK);
			out.writeLong(ack.seq());
		}
		else if (frame instanceof Frame.Peers peers) {
			out.writeByte(TcpnetProtocol.PEERS);
			out.writeShort(peers.peers().size());
			for (PeerAddress peer : peers.peers()) {
				writeString(peer.nodeId().value(), out);
				byte[] address = peer.address().getAddress().getAddress();
				out.writeByte(address.length);
				out.writeBytes(address);
				out.writeShort(peer.address().getPort());
			}
		}
		else if (frame instanceof Frame.Ping ping) {
			out.writeByte(TcpnetProtocol.PING);
			out.writeLong(ping.nanos());
		}
		else if (frame instanceof Frame.Pong pong) {
			out.writeByte(TcpnetProtocol.PONG);
			out.writeLong(pong.nanos());
		}
		else if (frame instanceof Frame.Hello hello) {
			out.writeByte(TcpnetProtocol.HELLO);
			writeString(hello.cluster(), out);
			writeString(hello.nodeId().value(), out);
			out.writeLong(hello.incarnation());
			out.writeShort(hello.listenPort());
			out.writeLong(hello.nonce());
			out.writeByte(hello.flags());
			out.writeBytes(hello.challenge());
		}
		else if (frame instanceof Frame.Auth auth) {
			out.writeByte(TcpnetProtocol.AUTH);
			out.writeBytes(auth.proof());
		}
		else if (frame instanceof Frame.Reject reject) {
			out.writeByte(TcpnetProtocol.REJECT);
			out.writeByte(reject.reason().code());
			writeString(Printable.truncated(reject.message(), TcpnetProtocol.MAX_REJECT_MESSAGE_BYTES), out);
		}
		else if (frame instanceof Frame.Goodbye) {
			out.writeByte(TcpnetProtocol.GOODBYE);
		}
		else if (frame instanceof Frame.Duplicate) {
			out.writeByte(TcpnetProtocol.DUPLICATE);
		}
		else if (frame instanceof Frame.Ready ready) {
			out.writeByte(TcpnetProtocol.READY);
			writeAttributes(ready.attributes(), out);
		}
		else if (frame instanceof Frame.Welcome welcome) {
			out.writeByte(TcpnetProtocol.WELCOME);
			writeAttributes(welcome.attributes(), out);
		}
		else if (frame instanceof Frame.Resume resume) {
			out.writeByte(TcpnetProtocol.RESUME);
			out.writeLong(resume.seq());
		}
	}

	/** Bytes the frame will take with its length prefix; a buffer grows if it is more. */
	static int estimateSize(Frame frame, EnvelopeCodec envelopes) {
		return (frame instanceof Frame.Data data) ? envelopes.size(data.envelope()) : 128;
	}

	// Addresses travel as raw IPv4/IPv6 bytes: nothing here ever looks a name up.
	private static List<PeerAddress> readPeers(ByteBuf in) {
		int count = in.readUnsignedShort();
		if (count > TcpnetProtocol.MAX_EXCHANGED_PEERS) {
			throw new ProtocolViolationException(RejectReason.PROTOCOL, count + " peers in one peer-exchange frame");
		}
		List<PeerAddress> peers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			NodeId nodeId = NodeId.of(readString(in));
			int length = in.readUnsignedByte();
			if (length != 4 && length != 16) {
				throw new ProtocolViolationException(RejectReason.PROTOCOL, "address of " + length + " bytes");
			}
			try {
				InetAddress address = InetAddress.getByAddress(readBytes(in, length));
				peers.add(new PeerAddress(nodeId, new InetSocketAddress(address, in.readUnsignedShort())));
			}
			catch (UnknownHostException ex) {
				throw new ProtocolViolationException(RejectReason.PROTOCOL, "bad address: " + ex.getMessage());
			}
		}
		return peers;
	}

	private static byte[] readRemaining(ByteBuf in) {
		return readBytes(in, in.readableBytes());
	}

	private static byte[] readBytes(ByteBuf in, int length) {
		byte[] bytes = new byte[length];
		in.readBytes(bytes);
		return bytes;
	}

	// Checked before anything is decoded or allocated: a remote's string is bounded.
	private static String readString(ByteBuf in, int maxBytes, String what) {
		int length = in.getUnsignedShort(in.readerIndex());
		if (length > maxBytes) {
			throw new ProtocolViolationException(RejectReason.PROTOCOL,
					what + " of " + length + " bytes, the most is " + maxBytes);
		}
		return readString(in);
	}

	private static NodeId readNodeId(ByteBuf in) {
		String value = readString(in, NodeId.MAX_LENGTH, "node id");
		try {
			return NodeId.of(value);
		}
		catch (IllegalArgumentException ex) {
			// Not echoed as it came: it may hold anything.
			throw new ProtocolViolationException(RejectReason.PROTOCOL,
					"node id '" + Printable.of(value, NodeId.MAX_LENGTH) + "' is not 1 to 64 of [A-Za-z0-9._-]");
		}
	}

	// Bounded before anything is decoded: the frame is at most the handshake's size
	// anyway, and
	// the attributes part of it at most MAX_ATTRIBUTES_BYTES.
	private static Map<String, String> readAttributes(ByteBuf in) {
		if (in.readableBytes() > TcpnetProtocol.MAX_ATTRIBUTES_BYTES) {
			throw new ProtocolViolationException(RejectReason.PROTOCOL, "attributes of " + in.readableBytes()
					+ " bytes, the most is " + TcpnetProtocol.MAX_ATTRIBUTES_BYTES);
		}
		int count = in.readUnsignedShort();
		Map<String, String> attributes = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			String key = readString(in, TcpnetProtocol.MAX_ATTRIBUTE_KEY_BYTES, "attribute key");
			attributes.put(key, readString(in, TcpnetProtocol.MAX_ATTRIBUTES_BYTES, "attribute value"));
		}
		return attributes;
	}

	private static void writeAttributes(Map<String, String> attributes, ByteBuf out) {
		int start = out.writerIndex();
		out.writeShort(attributes.size());
		attributes.forEach((key, value) -> {
			writeString(key, out);
			writeString(value, out);
		});
		if (out.writerIndex() - start > TcpnetProtocol.MAX_ATTRIBUTES_BYTES) {
			throw new IllegalArgumentException("attributes of " + (out.writerIndex() - start) + " bytes, the most is "
					+ TcpnetProtocol.MAX_ATTRIBUTES_BYTES);
		}
	}

	// A reason longer than any node sends is cut, not refused: it only ends up in a log
	// line.
	private static String readReason(ByteBuf in) {
		int length = Math.min(in.readUnsignedShort(), in.readableBytes());
		int kept = Math.min(length, TcpnetProtocol.MAX_REJECT_MESSAGE_BYTES);
		String reason = in.readCharSequence(kept, StandardCharsets.UTF_8).toString();
		in.skipBytes(length - kept);
		return reason;
	}

	private static String readString(ByteBuf in) {
		int length = in.readUnsignedShort();
		return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
	}

	private static void writeString(String value, ByteBuf out) {
		int lengthIndex = out.writerIndex();
		out.writeShort(0);
		int length = out.writeCharSequence(value, StandardCharsets.UTF_8);
		if (length > 0xFFFF) {
			throw new IllegalArgumentException("string of " + length + " bytes is too long for a frame");
		}
		out.setShort(lengthIndex, length);
	}

}
