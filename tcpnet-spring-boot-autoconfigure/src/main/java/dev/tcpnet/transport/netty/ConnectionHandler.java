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

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.Attribute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.transport.RejectReason;

/**
 * Hands the frames of a connection whose handshake is complete to its
 * {@link NettyConnection}'s listener, answers heartbeats, tells the connection's frame
 * writer when the channel's writability changes, and acts on the idle events of the
 * {@link HeartbeatHandler} (placed before the frame decoder): a ping when this side has
 * written nothing for the heartbeat interval, a close when nothing at all was read for
 * the heartbeat timeout. Any byte read counts, so a busy link never needs a ping to stay
 * alive, and a large frame still arriving on a slow link is not silence.
 *
 * <p>
 * Frames hold no reference-counted buffers (they are decoded in place into arrays), so
 * there is nothing to release, and the handler reads them without
 * {@code SimpleChannelInboundHandler}'s type check and release per message.
 */
class ConnectionHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionHandler.class);

	private final NettyConnection connection;

	private final long silenceTimeoutMillis;

	// Looked up once: every frame is checked against both, and searching the channel's
	// attributes for each took a fiftieth of a reading thread's time.
	private final Attribute<Boolean> refused;

	private final Attribute<Boolean> lingering;

	private boolean peersTold;

	ConnectionHandler(NettyConnection connection, long silenceTimeoutMillis) {
		this.connection = connection;
		this.silenceTimeoutMillis = silenceTimeoutMillis;
		this.refused = Refusals.marker(connection.channel());
		this.lingering = LingeringClose.marker(connection.channel());
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object message) {
		if (!(message instanceof Frame frame)) {
			ctx.fireChannelRead(message);
			return;
		}
		if (this.refused.get() != null || this.lingering.get() != null) {
			// Read in the same batch as a protocol violation, or after this side's last
			// frame: closing, nothing more is delivered.
			return;
		}
		if (frame instanceof Frame.Data data) {
			this.connection.listener().received(this.connection, data.envelope());
		}
		else if (frame instanceof Frame.Ack ack) {
			this.connection.listener().acknowledged(this.connection, ack.seq());
		}
		else if (frame instanceof Frame.Resume resume && this.connection.protocolVersion() >= 2) {
			this.connection.listener().resumed(this.connection, resume.seq());
		}
		else if (frame instanceof Frame.Peers peers && !this.peersTold) {
			// Once per connection: a peer has no reason to tell twice, a hostile one
			// would.
			this.peersTold = true;
			this.connection.listener().peersTold(this.connection, peers.peers());
		}
		else if (frame instanceof Frame.Peers) {
			logger.debug("Ignoring a second peer list from {}", this.connection.remote().nodeId());
		}
		else if (frame instanceof Frame.Ping ping) {
			// Through the frame writer: a peer that pings and never reads gets one pong
			// waiting.
			this.connection.pong(ping.nanos());
		}
		else if (frame instanceof Frame.Pong pong) {
			this.connection.listener().roundTrip(this.connection, System.nanoTime() - pong.nanos());
		}
		else if (frame instanceof Frame.Goodbye) {
			this.connection.listener().goodbye(this.connection);
		}
		else if (frame instanceof Frame.Duplicate) {
			this.connection.listener().duplicate(this.connection);
		}
		else if (frame instanceof Frame.Reject reject) {
			logger.warn("Peer {} closed the connection: {} ({})", this.connection.remote().nodeId(), reject.reason(),
					reject.message());
			ctx.close();
		}
		else {
			throw new ProtocolViolationException(RejectReason.PROTOCOL,
					frame.getClass().getSimpleName().toLowerCase() + " frame after the handshake");
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		this.connection.heard();
		this.connection.listener().readComplete(this.connection);
		ctx.fireChannelReadComplete();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
			this.connection.ping(System.nanoTime());
		}
		else if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE
				&& ctx.channel().config().isAutoRead()) {
			logger.warn("Closing connection to peer {}: nothing heard for {} ms", this.connection.remote().nodeId(),
					this.silenceTimeoutMillis);
			ctx.close();
		}
		else if (!(event instanceof IdleStateEvent)) {
			ctx.fireUserEventTriggered(event);
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		this.connection.writabilityChanged();
		ctx.fireChannelWritabilityChanged();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.connection.channelClosed();
		this.connection.listener().closed(this.connection);
		ctx.fireChannelInactive();
	}

}
