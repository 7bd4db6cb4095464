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

import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Handshake;
import dev.tcpnet.transport.HandshakeRejectedException;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.SelfConnectionException;
import dev.tcpnet.transport.SharedSecret;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * Runs the handshake of one connection. As soon as the connection is active it sends the
 * preface and this node's hello (with a fresh challenge), then waits for the remote's
 * hello and checks cluster and identity. With a shared secret, each side then sends its
 * proof and the handshake completes only when the remote's proof is right. The handler
 * then replaces itself with a {@link ConnectionHandler} and hands the connection over.
 * Nothing but the handshake is accepted before that; a connection that takes longer than
 * the timeout is closed.
 */
class HandshakeHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(HandshakeHandler.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final PipelineConfig config;

	private final Direction direction;

	private final @Nullable CompletableFuture<Connection> dialed;

	private final long nonce = ThreadLocalRandom.current().nextLong();

	private final byte[] challenge = new byte[TcpnetProtocol.CHALLENGE_LENGTH];

	private Frame.@Nullable Hello remoteHello;

	private @Nullable ScheduledFuture<?> timeoutTask;

	private boolean counted;

	HandshakeHandler(PipelineConfig config, Direction direction, @Nullable CompletableFuture<Connection> dialed) {
		this.config = config;
		this.direction = direction;
		this.dialed = dialed;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.config.listener.opened(remote(ctx), this.direction);
		if (this.direction == Direction.INBOUND && !this.config.tryStartHandshake()) {
			Refusals.first(ctx.channel());
			this.config.rejections.refused(logger, remote(ctx), "too many connections in their handshake");
			this.config.listener.rejected(remote(ctx), RejectReason.LIMIT);
			ctx.close();
			return;
		}
		this.counted = this.direction == Direction.INBOUND;
		RANDOM.nextBytes(this.challenge);
		ByteBuf preface = ctx.alloc().buffer(TcpnetProtocol.PREFACE_LENGTH);
		preface.writeInt(TcpnetProtocol.MAGIC).writeByte(TcpnetProtocol.VERSION);
		ctx.write(preface);
		ctx.writeAndFlush(this.config.local.hello(this.nonce, this.config.secret != null, this.challenge));
		this.timeoutTask = ctx.executor()
			.schedule(() -> timedOut(ctx), this.config.handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (Refusals.refused(ctx.channel())) {
			// Read in the same batch as what was refused: closing, nothing more is acted
			// on.
			return;
		}
		if (msg instanceof Frame.Hello hello && this.remoteHello == null) {
			helloReceived(ctx, hello);
		}
		else if (msg instanceof Frame.Auth auth && this.remoteHello != null && this.config.secret != null) {
			proofReceived(ctx, this.remoteHello, this.config.secret, auth);
		}
		else if (msg instanceof Frame.Reject reject) {
			this.config.rejections.refusedBy(logger, remote(ctx), reject.reason() + " (" + reject.message() + ")");
			fail(ctx, new HandshakeRejectedException(reject.reason(), "refused by " + remote(ctx)));
		}
		else {
			throw new ProtocolViolationException(RejectReason.PROTOCOL,
					msg.getClass().getSimpleName().toLowerCase() + " frame during the handshake");
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		handshakeEnded();
		this.config.listener.closedBeforeHandshake(remote(ctx));
		if (this.dialed != null) {
			this.dialed.completeExceptionally(new HandshakeRejectedException(RejectReason.PROTOCOL,
					remote(ctx) + " closed before the handshake"));
		}
		ctx.fireChannelInactive();
	}

	private void helloReceived(ChannelHandlerContext ctx, Frame.Hello hello) {
		if (!hello.cluster().equals(this.config.local.cluster())) {
			refuse(ctx, RejectReason.CLUSTER, "cluster '" + hello.cluster() + "' is not this node's cluster");
			return;
		}
		if (hello.nodeId().equals(this.config.local.nodeId())) {
			logger.debug("Closing connection {}: it reaches this node itself", remote(ctx));
			fail(ctx, new SelfConnectionException(remote(ctx)));
			return;
		}
		SharedSecret secret = this.config.secret;
		if (hello.requiresSecret() != (secret != null)) {
			refuse(ctx, RejectReason.AUTH, (secret != null) ? "it has no shared secret, this node requires one"
					: "it requires a shared secret, this node has none");
			return;
		}
		this.remoteHello = hello;
		if (secret == null) {
			complete(ctx, hello);
			return;
		}
		byte[] proof = secret.proof(hello.cluster(), this.config.local.nodeId(), hello.nodeId(), this.challenge,
				hello.challenge());
		ctx.writeAndFlush(new Frame.Auth(proof));
	}

	private void proofReceived(ChannelHandlerContext ctx, Frame.Hello hello, SharedSecret secret, Frame.Auth auth) {
		byte[] expected = secret.proof(hello.cluster(), hello.nodeId(), this.config.local.nodeId(), hello.challenge(),
				this.challenge);
		if (!SharedSecret.matches(auth.proof(), expected)) {
			refuse(ctx, RejectReason.AUTH, "wrong shared secret (or a replayed handshake) from node " + hello.nodeId());
			return;
		}
		complete(ctx, hello);
	}

	private void complete(ChannelHandlerContext ctx, Frame.Hello hello) {
		handshakeEnded();
		long connectionId = (this.direction == Direction.OUTBOUND) ? this.nonce : hello.nonce();
		Handshake remote = new Handshake(hello.cluster(), hello.nodeId(), hello.incarnation(), hello.listenPort());
		NettyConnection connection = new NettyConnection(ctx.channel(), remote, this.direction, connectionId);
		ctx.pipeline()
			.replace(this, "connection", new ConnectionHandler(connection, this.config.heartbeatTimeout.toMillis()));
		// Heartbeats start once the peer is known: before, the handshake timeout applies.
		// Before
		// the frame decoder, it sees one read per buffer rather than one per frame.
		ctx.pipeline()
			.addBefore("frames", "heartbeat", new IdleStateHandler(true, this.config.heartbeatTimeout.toMillis(),
					this.config.heartbeatInterval.toMillis(), 0, TimeUnit.MILLISECONDS));
		logger.debug("Handshake with {} at {} complete ({})", remote.nodeId(), remote(ctx), this.direction);
		this.config.listener.connected(connection);
		if (this.dialed != null) {
			this.dialed.complete(connection);
		}
	}

	private void refuse(ChannelHandlerContext ctx, RejectReason reason, String message) {
		if (!Refusals.first(ctx.channel())) {
			return;
		}
		this.config.rejections.refused(logger, remote(ctx), message);
		this.config.listener.rejected(remote(ctx), reason);
		ctx.writeAndFlush(new Frame.Reject(reason, message));
		fail(ctx, new HandshakeRejectedException(reason, "refused " + remote(ctx) + ": " + message));
	}

	private void timedOut(ChannelHandlerContext ctx) {
		if (!Refusals.first(ctx.channel())) {
			return;
		}
		this.config.rejections.refused(logger, remote(ctx),
				"no handshake within " + this.config.handshakeTimeout.toMillis() + " ms");
		this.config.listener.rejected(remote(ctx), RejectReason.TIMEOUT);
		fail(ctx, new HandshakeRejectedException(RejectReason.TIMEOUT, "no handshake from " + remote(ctx)));
	}

	private void fail(ChannelHandlerContext ctx, RuntimeException failure) {
		Refusals.first(ctx.channel());
		handshakeEnded();
		if (this.dialed != null) {
			this.dialed.completeExceptionally(failure);
		}
		ctx.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
	}

	private void handshakeEnded() {
		if (this.timeoutTask != null) {
			this.timeoutTask.cancel(false);
		}
		if (this.counted) {
			this.counted = false;
			this.config.handshakeEnded();
		}
	}

	static SocketAddress remote(ChannelHandlerContext ctx) {
		return RemoteAddress.of(ctx.channel());
	}

}
