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

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * Checks the preface, then splits the stream into frames and decodes them
 * ({@link Frame}s). A length outside {@code 1..limit} fails as soon as the length is
 * read, before any byte of the body is buffered. Until the handshake completes
 * ({@link #admitted}) the limit is {@link TcpnetProtocol#MAX_HANDSHAKE_FRAME_SIZE},
 * whatever {@code max-frame-size} is, so a stranger cannot make this node buffer more
 * than that; and frames are decoded one per pass, so that the handshake handler raises
 * the limit before the frame after its last handshake frame is read. After a failure
 * every further byte is discarded: the last handler closes the connection.
 */
class FrameDecoder extends ByteToMessageDecoder {

	/**
	 * Frames of at least this many bytes are read from the reads they came in, not from a
	 * copy.
	 */
	static final int LARGE_FRAME = 16 * 1024;

	private final int maxFrameSize;

	private final EnvelopeCodec envelopes = new EnvelopeCodec();

	private boolean prefaceRead;

	private boolean admitted;

	private boolean failed;

	FrameDecoder(int maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
		setCumulator(FrameDecoder::cumulate);
	}

	/**
	 * Keeps a read that continues a large frame as it is, beside what came before, rather
	 * than copying it after the frame's start as Netty's default does: a large frame
	 * seldom ends where a read ends, so that copied nearly every byte of large messages
	 * once more (a 64 KiB frame never fits a 64 KiB read). Reads of small frames are
	 * merged, as a buffer of many small components costs more per frame read.
	 */
	private static ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
		if (cumulation.readableBytes() >= 4 && cumulation.getInt(cumulation.readerIndex()) >= LARGE_FRAME) {
			return COMPOSITE_CUMULATOR.cumulate(alloc, cumulation, in);
		}
		return MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
	}

	/**
	 * The handshake completed: frames up to {@code max-frame-size} are accepted from now
	 * on.
	 */
	void admitted() {
		this.admitted = true;
	}

	/**
	 * Says whether envelopes may carry headers: whether the pair negotiated a version
	 * that has them.
	 * @param headers whether they may
	 */
	void headers(boolean headers) {
		this.envelopes.headers(headers);
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		if (this.failed) {
			in.skipBytes(in.readableBytes());
			return;
		}
		try {
			if (!this.prefaceRead) {
				this.prefaceRead = readPreface(in);
			}
			if (this.prefaceRead && readFrame(in, out)) {
				while (this.admitted && readFrame(in, out)) {
					// one frame per pass
				}
			}
		}
		catch (ProtocolViolationException ex) {
			this.failed = true;
			in.skipBytes(in.readableBytes());
			throw ex;
		}
	}

	private boolean readPreface(ByteBuf in) {
		if (in.readableBytes() < TcpnetProtocol.PREFACE_LENGTH) {
			return false;
		}
		int magic = in.readInt();
		if (magic != TcpnetProtocol.MAGIC) {
			throw new ProtocolViolationException(RejectReason.MAGIC,
					"not a tcpnet node (first bytes 0x%08x)".formatted(magic));
		}
		// The preface names the lowest version the remote speaks.
		int version = in.readUnsignedByte();
		if (version > TcpnetProtocol.VERSION || version < 1) {
			throw new ProtocolViolationException(RejectReason.VERSION, "it speaks protocol version " + version
					+ " and up, this node speaks " + TcpnetProtocol.MIN_VERSION + " to " + TcpnetProtocol.VERSION);
		}
		return true;
	}

	private boolean readFrame(ByteBuf in, List<Object> out) {
		if (in.readableBytes() < 4) {
			return false;
		}
		int length = in.getInt(in.readerIndex());
		if (length < 1) {
			throw new ProtocolViolationException(RejectReason.PROTOCOL, "frame length " + length);
		}
		int limit = this.admitted ? this.maxFrameSize : TcpnetProtocol.MAX_HANDSHAKE_FRAME_SIZE;
		if (length > limit) {
			throw new ProtocolViolationException(RejectReason.LIMIT, "frame of " + Integer.toUnsignedString(length)
					+ " bytes, the maximum is " + limit + (this.admitted ? "" : " before the handshake completes"));
		}
		if (in.readableBytes() < 4 + length) {
			return false;
		}
		// Decoded in place: no copy of the frame, no reference count to keep.
		Frame frame = FrameCodec.decode(in, in.readerIndex() + 4, length, this.envelopes);
		in.skipBytes(4 + length);
		out.add(frame);
		return true;
	}

}
