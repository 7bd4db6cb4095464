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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * The heartbeat of a connection whose handshake is complete, run with the transport's
 * other {@link ConnectionChecks} instead of timers of its own. It tells the connection
 * handler, with Netty's idle events:
 * <ul>
 * <li>{@link IdleStateEvent#WRITER_IDLE_STATE_EVENT} (send a ping) when this side has
 * written nothing but pings for the heartbeat interval, give or take half a check period.
 * Only one side of a quiet pair pings: the other answers with pongs, which are writes, so
 * its own ping never falls due. So that both sides know the round trip, each side also
 * pings at its first check and when its last ping is {@value #ROUND_TRIP_INTERVALS}
 * intervals old.</li>
 * <li>{@link IdleStateEvent#READER_IDLE_STATE_EVENT} (close) when nothing at all was read
 * for the heartbeat timeout while reading was not paused. When the timeout falls between
 * two checks, a timer of its own is set for it, so a silent peer is closed on time; a
 * peer that is heard from never needs one.</li>
 * </ul>
 * Placed before the frame decoder, it sees one read per buffer, and a large frame still
 * arriving is not silence.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter implements ConnectionChecks.Check {

	/** How many intervals may pass without a ping of this side's own. */
	static final int ROUND_TRIP_INTERVALS = 10;

	private final FrameWriter writer;

	private final long pingAfterNanos;

	private final long timeoutNanos;

	private final long roundTripNanos;

	private final ConnectionChecks checks;

	private @Nullable ChannelHandlerContext ctx;

	private boolean stopped;

	private long lastReadNanos;

	private long lastWriteNanos;

	private long lastPingNanos;

	// Frames other than pings that the writer had handed over at the last check.
	private long framesSeen;

	private @Nullable ScheduledFuture<?> silenceCheck;

	HeartbeatHandler(FrameWriter writer, Duration interval, Duration timeout, ConnectionChecks checks) {
		this.writer = writer;
		this.pingAfterNanos = interval.toNanos() - checks.periodNanos() / 2;
		this.timeoutNanos = timeout.toNanos();
		this.roundTripNanos = ROUND_TRIP_INTERVALS * interval.toNanos();
		this.checks = checks;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
		long now = ctx.executor().ticker().nanoTime();
		this.lastReadNanos = now;
		this.lastWriteNanos = now;
		this.lastPingNanos = now - this.roundTripNanos;
		this.framesSeen = framesWrittenButPings();
		this.checks.add(ctx.executor(), this);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		stop(ctx);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		stop(ctx);
		ctx.fireChannelInactive();
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		this.lastReadNanos = ctx.executor().ticker().nanoTime();
		ctx.fireChannelReadComplete();
	}

	/**
	 * On the event loop: reading resumes after a pause. The peer was not silent while its
	 * bytes waited here, so its silence counts from now.
	 */
	void readingResumed() {
		ChannelHandlerContext ctx = this.ctx;
		if (ctx != null) {
			this.lastReadNanos = ctx.executor().ticker().nanoTime();
		}
	}

	@Override
	public void check(long nowNanos) {
		ChannelHandlerContext ctx = this.ctx;
		if (ctx == null || this.stopped) {
			return;
		}
		long frames = framesWrittenButPings();
		if (frames != this.framesSeen) {
			// Written since the last check: no later than now.
			this.framesSeen = frames;
			this.lastWriteNanos = nowNanos;
		}
		if (nowNanos - this.lastWriteNanos >= this.pingAfterNanos
				|| nowNanos - this.lastPingNanos >= this.roundTripNanos) {
			this.lastWriteNanos = nowNanos;
			this.lastPingNanos = nowNanos;
			ctx.fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
		}
		checkSilence(ctx, nowNanos);
	}

	private void checkSilence(ChannelHandlerContext ctx, long nowNanos) {
		if (this.stopped || !ctx.channel().config().isAutoRead()) {
			return;
		}
		long left = this.lastReadNanos + this.timeoutNanos - nowNanos;
		if (left <= 0) {
			ctx.fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
		}
		else if (left < this.checks.periodNanos() && this.silenceCheck == null) {
			this.silenceCheck = ctx.executor().schedule(() -> {
				this.silenceCheck = null;
				checkSilence(ctx, ctx.executor().ticker().nanoTime());
			}, left, TimeUnit.NANOSECONDS);
		}
	}

	private long framesWrittenButPings() {
		return this.writer.framesWritten() - this.writer.pingsWritten();
	}

	private void stop(ChannelHandlerContext ctx) {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		this.checks.remove(ctx.executor(), this);
		ScheduledFuture<?> silenceCheck = this.silenceCheck;
		if (silenceCheck != null) {
			silenceCheck.cancel(false);
		}
	}

}
