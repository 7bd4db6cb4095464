package dev.tcpnet.transport.netty;

import dev.tcpnet.transport.TcpnetProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Bytes as a remote node would send them, for feeding an {@code EmbeddedChannel}.
 */
final class Wire {

	private Wire() {
	}

	static ByteBuf preface() {
		return preface(TcpnetProtocol.MAGIC, TcpnetProtocol.VERSION);
	}

	static ByteBuf preface(int magic, int version) {
		return Unpooled.buffer().writeInt(magic).writeByte(version);
	}

	static ByteBuf frame(Frame frame) {
		ByteBuf buf = Unpooled.buffer();
		FrameCodec.writeLengthPrefixed(frame, buf);
		return buf;
	}

	static ByteBuf rawFrame(int length, byte... body) {
		return Unpooled.buffer().writeInt(length).writeBytes(body);
	}

	/**
	 * Reads the frames a channel wrote after everything already drained (no preface).
	 */
	static java.util.List<Frame> writtenFrames(io.netty.channel.embedded.EmbeddedChannel channel) {
		return decode(drain(channel), false);
	}

	/**
	 * Reads the frames a channel wrote: skips the preface, decodes each frame.
	 */
	static java.util.List<Frame> written(io.netty.channel.embedded.EmbeddedChannel channel) {
		return decode(drain(channel), true);
	}

	private static ByteBuf drain(io.netty.channel.embedded.EmbeddedChannel channel) {
		ByteBuf all = Unpooled.buffer();
		for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
			ByteBuf buf = (ByteBuf) out;
			all.writeBytes(buf);
			buf.release();
		}
		return all;
	}

	private static java.util.List<Frame> decode(ByteBuf all, boolean preface) {
		java.util.List<Frame> frames = new java.util.ArrayList<>();
		if (preface && all.readableBytes() >= TcpnetProtocol.PREFACE_LENGTH) {
			all.skipBytes(TcpnetProtocol.PREFACE_LENGTH);
		}
		while (all.readableBytes() >= 4) {
			int length = all.readInt();
			frames.add(FrameCodec.decode(all.readSlice(length)));
		}
		return frames;
	}

}
