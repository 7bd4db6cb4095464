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

import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import org.jspecify.annotations.Nullable;

import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * Checks the preface, then splits the stream into frames and decodes them
 * ({@link Frame}s), passing each on as soon as it is decoded. A length outside
 * {@code 1..limit} fails as soon as the length is read, before any byte of the body is
 * buffered. Until the handshake completes ({@link #admitted}) the limit is
 * {@link TcpnetProtocol#MAX_HANDSHAKE_FRAME_SIZE}, whatever {@code max-frame-size} is, so
 * a stranger cannot make this node buffer more than that; the handshake handler raises
 * the limit while it handles its last frame, before the next length is read. After a
 * failure every further byte is discarded: the last handler closes the connection.
 *
 * <p>
 * Frames are decoded from the buffer of the read they came in. Only a frame that a read
 * ends inside is kept for the next read, and only that frame's bytes: a small one is
 * copied, a large one ({@link #LARGE_FRAME}) keeps the reads it came in. Netty's
 * {@code ByteToMessageDecoder} copies the whole next read behind such a frame instead,
 * which at 1 KiB frames was 12 % of the receiving network thread, and collects the frames
 * of a read in a list before passing them on.
 */
class FrameDecoder extends ChannelInboundHandlerAdapter {

	/**
	 * Frames of at least this many bytes are read from the reads they came in, not from a
	 * copy.
	 */
	static final int LARGE_FRAME = 16 * 1024;

	/**
	 * Reads a large frame may keep before they are copied into one buffer: a peer that
	 * trickles a frame in tiny reads would otherwise make this node keep every read
	 * buffer, many times the frame's size.
	 */
	static final int MAX_KEPT_READS = 64;

	/** Bytes of a frame's length field. */
	private static final int LENGTH_FIELD = 4;

	private final int maxFrameSize;

	private final EnvelopeCodec envelopes = new EnvelopeCodec();

	/** The start of the preface or of the frame that the last read ended inside. */
	private @Nullable ByteBuf pending;

	private boolean prefaceRead;

	private boolean admitted;

	private boolean failed;

	private boolean readSinceComplete;

	private boolean decodedSinceComplete;

	// The connection handler and its context, while no inbound handler sits between it
	// and this decoder: its frames skip the pipeline's pass per frame (the search for the
	// next inbound handler, the leak detector's touch), a tenth of the receiving thread's
	// time at 64-byte messages.
	private @Nullable ConnectionHandler next;

	private @Nullable ChannelHandlerContext nextContext;

	FrameDecoder(int maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	/**
	 * The handshake completed: frames up to {@code max-frame-size} are accepted from now
	 * on.
	 */
	void admitted() {
		this.admitted = true;
	}

	/**
	 * Hands frames to the connection handler directly from now on, unless an inbound
	 * handler (a customizer's) sits between it and this decoder: then they pass through
	 * the pipeline, as every frame of the handshake does.
	 * @param pipeline the pipeline, which holds both
	 * @param handler the connection handler that replaced the handshake handler
	 */
	void handFramesTo(ChannelPipeline pipeline, ConnectionHandler handler) {
		boolean afterThis = false;
		for (Map.Entry<String, ChannelHandler> entry : pipeline) {
			ChannelHandler between = entry.getValue();
			if (between == handler) {
				if (afterThis) {
					this.next = handler;
					this.nextContext = pipeline.context(handler);
				}
				return;
			}
			if (afterThis && between instanceof ChannelInboundHandler) {
				return;
			}
			afterThis |= (between == this);
		}
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
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof ByteBuf in)) {
			ctx.fireChannelRead(msg);
			return;
		}
		this.readSinceComplete = true;
		try {
			if (!this.failed && completePending(ctx, in)) {
				decodeAll(ctx, in);
				keepRest(ctx, in);
			}
		}
		catch (ProtocolViolationException ex) {
			this.failed = true;
			releasePending();
			// Wrapped as Netty's decoders wrap what they throw
			throw new DecoderException(ex);
		}
		finally {
			in.release();
		}
	}

	/**
	 * Moves bytes of {@code in} behind the pending unit until it is whole, and decodes
	 * it.
	 * @return whether nothing is pending any more
	 */
	private boolean completePending(ChannelHandlerContext ctx, ByteBuf in) {
		ByteBuf start = this.pending;
		while (start != null && in.isReadable()) {
			int unit = unitLength(start);
			int wanted = ((unit < 0) ? LENGTH_FIELD : unit) - start.readableBytes();
			int moved = Math.min(wanted, in.readableBytes());
			if (start instanceof CompositeByteBuf composite) {
				composite.addComponent(true, in.readRetainedSlice(moved));
			}
			else {
				start.writeBytes(in, moved);
			}
			if (unit >= 0 && moved == wanted) {
				this.pending = null;
				try {
					decodeUnit(ctx, start, unit);
				}
				finally {
					start.release();
				}
			}
			else if (unit < 0 && moved == wanted && unitLength(start) >= LARGE_FRAME) {
				// The length is whole now, and it is a large frame's
				this.pending = composite(ctx, start);
			}
			start = this.pending;
		}
		return this.pending == null;
	}

	private void decodeAll(ChannelHandlerContext ctx, ByteBuf in) {
		while (!this.failed && !ctx.isRemoved()) {
			int unit = unitLength(in);
			if (unit < 0 || in.readableBytes() < unit) {
				return;
			}
			decodeUnit(ctx, in, unit);
		}
	}

	/**
	 * Keeps the start of the unit that this read ended inside, for the next read: a large
	 * frame's as it came, anything else copied.
	 */
	private void keepRest(ChannelHandlerContext ctx, ByteBuf in) {
		if (!in.isReadable() || this.failed) {
			return;
		}
		int unit = unitLength(in);
		if (unit >= LARGE_FRAME) {
			this.pending = composite(ctx, in.readRetainedSlice(in.readableBytes()));
			return;
		}
		ByteBuf start = ctx.alloc().buffer(Math.max(unit, in.readableBytes()));
		start.writeBytes(in);
		this.pending = start;
	}

	private static CompositeByteBuf composite(ChannelHandlerContext ctx, ByteBuf first) {
		// Past MAX_KEPT_READS components the buffer copies them into one
		CompositeByteBuf composite = ctx.alloc().compositeBuffer(MAX_KEPT_READS);
		composite.addComponent(true, first);
		return composite;
	}

	/**
	 * The length of the preface, or of the frame starting at the reader index, length
	 * field included; -1 while the length field is incomplete.
	 */
	private int unitLength(ByteBuf in) {
		if (!this.prefaceRead) {
			return TcpnetProtocol.PREFACE_LENGTH;
		}
		if (in.readableBytes() < LENGTH_FIELD) {
			return -1;
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
		return LENGTH_FIELD + length;
	}

	private void decodeUnit(ChannelHandlerContext ctx, ByteBuf in, int unit) {
		if (!this.prefaceRead) {
			readPreface(in);
			this.prefaceRead = true;
			return;
		}
		// Decoded in place: no copy of the frame, no reference count to keep.
		Frame frame = FrameCodec.decode(in, in.readerIndex() + LENGTH_FIELD, unit - LENGTH_FIELD, this.envelopes);
		in.skipBytes(unit);
		this.decodedSinceComplete = true;
		ConnectionHandler next = this.next;
		ChannelHandlerContext nextContext = this.nextContext;
		if (next != null && nextContext != null && !nextContext.isRemoved()) {
			next.channelRead(nextContext, frame);
		}
		else {
			ctx.fireChannelRead(frame);
		}
	}

	private void readPreface(ByteBuf in) {
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
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		// As Netty's decoders do: with reading paused, a read that completed no frame
		// does not count as the one read asked for.
		if (this.readSinceComplete && !this.decodedSinceComplete && !ctx.channel().config().isAutoRead()) {
			ctx.read();
		}
		this.readSinceComplete = false;
		this.decodedSinceComplete = false;
		ctx.fireChannelReadComplete();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		releasePending();
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		releasePending();
	}

	private void releasePending() {
		ByteBuf start = this.pending;
		this.pending = null;
		if (start != null) {
			start.release();
		}
	}

}
