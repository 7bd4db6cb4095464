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

import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose outbound data makes no progress for the write timeout: bytes
 * wait for the socket or in the connection's frame writer, and none reached the socket
 * meanwhile. A peer that stops reading (stopped, hung, or hostile) would otherwise hold
 * them, and the heartbeat cannot tell: it watches reads, and such a peer may keep
 * sending. Reading is not looked at, so a connection that this node paused for reading
 * still has its writes checked.
 *
 * <p>
 * Checked on the event loop at least {@value #CHECKS_PER_TIMEOUT} times per timeout, with
 * the transport's other {@link ConnectionChecks}; the time without progress counts from
 * the first check that saw none, so a connection is closed between the timeout and a
 * quarter more after its last byte was taken. Progress is seen as Netty's
 * {@code IdleStateHandler} observes output: the message at the head of the socket's
 * buffer changed, or more of it was written, or the buffer holds fewer bytes; or, with
 * nothing left for the socket, the writer handed frames over since the last check. More
 * bytes queued is not progress. The close is reported to the connection's listener as a
 * stall, before it is reported closed.
 */
class WriteStallHandler extends ChannelInboundHandlerAdapter implements ConnectionChecks.Check {

	private static final Logger logger = LoggerFactory.getLogger(WriteStallHandler.class);

	static final int CHECKS_PER_TIMEOUT = 4;

	private final long timeoutNanos;

	private final ConnectionChecks checks;

	private @Nullable ChannelHandlerContext ctx;

	private boolean stopped;

	// When a check first saw bytes waiting without progress; -1 while there is progress.
	private long stalledSinceNanos = -1;

	// What the last check saw.
	private int headIdentity;

	private long headProgress;

	private long socketBytes;

	private long framesWritten;

	WriteStallHandler(long timeoutMillis, ConnectionChecks checks) {
		this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		this.checks = checks;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		if (ctx.channel().isActive()) {
			start(ctx);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		start(ctx);
		ctx.fireChannelActive();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		stop();
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		stop();
	}

	private void start(ChannelHandlerContext ctx) {
		if (this.ctx != null || this.stopped) {
			return;
		}
		this.ctx = ctx;
		this.checks.add(ctx.executor(), this);
	}

	private void stop() {
		this.stopped = true;
		ChannelHandlerContext ctx = this.ctx;
		if (ctx != null) {
			this.checks.remove(ctx.executor(), this);
		}
	}

	@Override
	public void check(long nowNanos) {
		ChannelHandlerContext ctx = this.ctx;
		if (ctx != null && !this.stopped) {
			check(ctx, nowNanos);
		}
	}

	private void check(ChannelHandlerContext ctx, long now) {
		Channel channel = ctx.channel();
		ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
		if (buffer == null) {
			// Closed.
			return;
		}
		NettyConnection connection = NettyConnection.of(channel);
		long socketBytes = buffer.totalPendingWriteBytes();
		long writerBytes = (connection != null) ? connection.writer().queuedBytes() : 0;
		long framesWritten = (connection != null) ? connection.writer().framesWritten() : 0;
		int headIdentity = System.identityHashCode(buffer.current());
		long headProgress = buffer.currentProgress();
		boolean progress;
		if (socketBytes == 0) {
			// Whatever the writer handed over is written: progress, unless it holds
			// frames back.
			progress = writerBytes == 0 || framesWritten != this.framesWritten;
		}
		else {
			progress = headIdentity != this.headIdentity || headProgress != this.headProgress
					|| socketBytes < this.socketBytes;
		}
		this.headIdentity = headIdentity;
		this.headProgress = headProgress;
		this.socketBytes = socketBytes;
		this.framesWritten = framesWritten;
		if (progress) {
			this.stalledSinceNanos = -1;
		}
		else if (this.stalledSinceNanos < 0) {
			// Counted from this check, not the one before: the event loop may have been
			// busy.
			this.stalledSinceNanos = now;
		}
		else if (now - this.stalledSinceNanos >= this.timeoutNanos) {
			stalled(ctx, connection, socketBytes + writerBytes, now - this.stalledSinceNanos);
		}
	}

	private void stalled(ChannelHandlerContext ctx, @Nullable NettyConnection connection, long pendingBytes,
			long stalledNanos) {
		stop();
		long millis = TimeUnit.NANOSECONDS.toMillis(stalledNanos);
		if (connection != null) {
			logger.warn(
					"Closing connection to peer {} at {}: writes stalled, nothing taken for {} ms with {} bytes "
							+ "waiting",
					connection.remote().nodeId(), RemoteAddress.of(ctx.channel()), millis, pendingBytes);
			connection.listener().stalled(connection);
		}
		else {
			logger.warn("Closing connection {}: writes stalled, nothing taken for {} ms with {} bytes waiting",
					RemoteAddress.of(ctx.channel()), millis, pendingBytes);
		}
		ctx.close();
	}

}
