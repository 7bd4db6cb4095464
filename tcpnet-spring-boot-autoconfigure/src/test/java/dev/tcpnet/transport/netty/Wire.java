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

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import dev.tcpnet.transport.TcpnetProtocol;

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
