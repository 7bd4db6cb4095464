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
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.transport.Admission;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Handshake;
import dev.tcpnet.transport.HandshakeRejectedException;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.SelfConnectionException;
import dev.tcpnet.transport.SharedSecret;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * Runs the handshake of one connection (see {@link TcpnetProtocol}). As soon as the
 * connection is active it sends the preface and this node's hello (with a fresh
 * challenge), then checks the remote's hello: cluster, identity, and, with TLS, that the
 * certificate names the node id. With a shared secret, each side then sends its proof. On
 * a version 2 connection the pair's leader then decides whether the pair keeps the
 * connection ({@code READY}, {@code WELCOME}), asking the mesh
 * ({@code TransportListener.admit}) on both sides. The handler then replaces itself with
 * a {@link ConnectionHandler} and hands the connection over. Nothing but the handshake is
 * accepted before that; a connection that takes longer than the timeout is closed.
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

	// The connection once the remote proved who it is; admitted when the mesh said so.
	private @Nullable NettyConnection candidate;

	private boolean admitted;

	private boolean readyReceived;

	// Closed because the pair keeps another connection: counted apart from refusals.
	private boolean duplicate;

	private @Nullable ScheduledFuture<?> timeoutTask;

	private boolean counted;

	HandshakeHandler(PipelineConfig config, Direction direction, @Nullable CompletableFuture<Connection> dialed) {
		this.config = config;
		this.direction = direction;
		this.dialed = dialed;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.config.listener.opened(remote(ctx), this.direction, UnixSockets.transportOf(ctx.channel()));
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
		preface.writeInt(TcpnetProtocol.MAGIC).writeByte(TcpnetProtocol.MIN_VERSION);
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
		Frame.Hello hello = this.remoteHello;
		if (msg instanceof Frame.Hello received && hello == null) {
			helloReceived(ctx, received);
		}
		else if (msg instanceof Frame.Auth auth && hello != null && this.config.secret != null
				&& this.candidate == null) {
			proofReceived(ctx, hello, this.config.secret, auth);
		}
		else if (msg instanceof Frame.Ready ready && this.candidate != null && isLeader() && !this.readyReceived) {
			this.readyReceived = true;
			this.candidate.remoteAttributes(ready.attributes());
			decide(ctx, this.candidate);
		}
		else if (msg instanceof Frame.Welcome welcome && this.candidate != null && !isLeader() && this.admitted) {
			this.candidate.remoteAttributes(welcome.attributes());
			complete(ctx, this.candidate);
		}
		else if (msg instanceof Frame.Reject reject) {
			rejectedByRemote(ctx, reject);
		}
		else {
			throw new ProtocolViolationException(RejectReason.PROTOCOL,
					msg.getClass().getSimpleName().toLowerCase() + " frame during the handshake");
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		handshakeEnded();
		abandon();
		this.config.listener.closedBeforeHandshake(remote(ctx), this.duplicate, UnixSockets.transportOf(ctx.channel()));
		if (this.dialed != null) {
			this.dialed.completeExceptionally(new HandshakeRejectedException(RejectReason.PROTOCOL,
					remote(ctx) + " closed before the handshake"));
		}
		ctx.fireChannelInactive();
	}

	private void helloReceived(ChannelHandlerContext ctx, Frame.Hello hello) {
		if (!hello.cluster().equals(this.config.local.cluster())) {
			refuse(ctx, RejectReason.CLUSTER,
					"cluster '" + Printable.of(hello.cluster(), 64) + "' is not this node's cluster");
			return;
		}
		if (hello.nodeId().equals(this.config.local.nodeId())) {
			sameNodeId(ctx, hello);
			return;
		}
		SharedSecret secret = this.config.secret;
		if (hello.requiresSecret() != (secret != null)) {
			refuse(ctx, RejectReason.AUTH, (secret != null) ? "it has no shared secret, this node requires one"
					: "it requires a shared secret, this node has none");
			return;
		}
		String certificateMismatch = this.config.certificateIdentity().mismatch(ctx.channel(), hello.nodeId());
		if (certificateMismatch != null) {
			refuse(ctx, RejectReason.AUTH, certificateMismatch);
			return;
		}
		this.remoteHello = hello;
		if (secret == null) {
			identified(ctx, hello);
			return;
		}
		byte[] proof = secret.proof(hello.cluster(), this.config.local.nodeId(), hello.nodeId(), this.challenge,
				hello.challenge());
		ctx.writeAndFlush(new Frame.Auth(proof));
	}

	// The same incarnation is this node itself (a seed or record that points back here);
	// another
	// incarnation is a second live node with this node's id, which must never take turns
	// with it.
	private void sameNodeId(ChannelHandlerContext ctx, Frame.Hello hello) {
		if (hello.incarnation() == this.config.local.incarnation()) {
			logger.debug("Closing connection {}: it reaches this node itself", remote(ctx));
			fail(ctx, new SelfConnectionException(remote(ctx)));
			return;
		}
		String message = "node id '" + hello.nodeId() + "' is also used by the node at " + remote(ctx)
				+ " (incarnation " + hello.incarnation() + "; this one is " + this.config.local.incarnation()
				+ "): give every node its own tcpnet.node-id";
		if (Refusals.first(ctx.channel())) {
			this.config.rejections.conflict(logger, remote(ctx), message);
			this.config.listener.rejected(remote(ctx), RejectReason.CONFLICT);
			ctx.writeAndFlush(new Frame.Reject(RejectReason.CONFLICT, message));
			fail(ctx, new HandshakeRejectedException(RejectReason.CONFLICT, message));
		}
	}

	private void proofReceived(ChannelHandlerContext ctx, Frame.Hello hello, SharedSecret secret, Frame.Auth auth) {
		byte[] expected = secret.proof(hello.cluster(), hello.nodeId(), this.config.local.nodeId(), hello.challenge(),
				this.challenge);
		if (!SharedSecret.matches(auth.proof(), expected)) {
			refuse(ctx, RejectReason.AUTH, "wrong shared secret (or a replayed handshake) from node " + hello.nodeId());
			return;
		}
		identified(ctx, hello);
	}

	// The remote is who it says, in this cluster: version 1 completes; on version 2 the
	// follower
	// asks to be admitted and says it is ready, the leader waits for that.
	private void identified(ChannelHandlerContext ctx, Frame.Hello hello) {
		String wrongNode = UnixSockets.wrongNode(ctx.channel(), hello.listenPort());
		if (wrongNode != null) {
			// A guess that reached another node: the dialer falls back to TCP.
			fail(ctx, new HandshakeRejectedException(RejectReason.PROTOCOL, wrongNode));
			return;
		}
		long connectionId = (this.direction == Direction.OUTBOUND) ? this.nonce : hello.nonce();
		Handshake remote = new Handshake(hello.cluster(), hello.nodeId(), hello.incarnation(), hello.listenPort());
		NettyConnection connection = new NettyConnection(ctx.channel(), remote, this.direction, connectionId,
				hello.negotiatedVersion());
		this.candidate = connection;
		if (connection.protocolVersion() < 2) {
			complete(ctx, connection);
		}
		else if (!isLeader() && admit(ctx, connection)) {
			ctx.writeAndFlush(new Frame.Ready(this.config.local.attributes()));
		}
	}

	// Only the leader's admission is final: it sends the verdict and completes at once.
	private void decide(ChannelHandlerContext ctx, NettyConnection connection) {
		if (admit(ctx, connection)) {
			ctx.writeAndFlush(new Frame.Welcome(this.config.local.attributes()));
			complete(ctx, connection);
		}
	}

	private boolean admit(ChannelHandlerContext ctx, NettyConnection connection) {
		Admission admission = this.config.listener.admit(connection);
		RejectReason refusal = admission.refusal();
		if (refusal == null) {
			this.admitted = true;
			return true;
		}
		if (refusal == RejectReason.DUPLICATE) {
			// The pair keeps another connection: nothing went wrong, nothing to warn
			// about.
			logger.debug("Closing connection {} to {}: {}", remote(ctx), connection.remote().nodeId(),
					admission.message());
			this.duplicate = true;
			Refusals.first(ctx.channel());
			ctx.writeAndFlush(new Frame.Reject(refusal, admission.message()));
			fail(ctx, new HandshakeRejectedException(refusal, admission.message()));
		}
		else {
			refuse(ctx, refusal, admission.message());
		}
		return false;
	}

	private void complete(ChannelHandlerContext ctx, NettyConnection connection) {
		handshakeEnded();
		this.admitted = false;
		FrameDecoder frames = ctx.pipeline().get(FrameDecoder.class);
		if (frames != null) {
			frames.admitted();
			frames.headers(connection.protocolVersion() >= TcpnetProtocol.HEADERS_VERSION);
		}
		ConnectionHandler handler = new ConnectionHandler(connection, this.config.heartbeatTimeout.toMillis());
		ctx.pipeline().replace(this, "connection", handler);
		if (frames != null) {
			frames.handFramesTo(ctx.pipeline(), handler);
		}
		// Heartbeats start once the peer is known: before, the handshake timeout applies.
		// Before the frame decoder, it sees one read per buffer rather than one per
		// frame.
		ctx.pipeline()
			.addBefore("frames", "heartbeat", new HeartbeatHandler(connection.writer(), this.config.heartbeatInterval,
					this.config.heartbeatTimeout, this.config.checks));
		logger.debug("Handshake with {} at {} complete ({}, protocol version {})", connection.remote().nodeId(),
				remote(ctx), this.direction, connection.protocolVersion());
		this.config.listener.connected(connection);
		if (this.dialed != null) {
			this.dialed.complete(connection);
		}
	}

	private void rejectedByRemote(ChannelHandlerContext ctx, Frame.Reject reject) {
		String why = reject.reason() + " (" + Printable.of(reject.message(), 200) + ")";
		if (reject.reason() == RejectReason.DUPLICATE) {
			this.duplicate = true;
			logger.debug("{} keeps another connection with this node: {}", remote(ctx), why);
		}
		else if (reject.reason() == RejectReason.CONFLICT) {
			this.config.rejections.conflictBy(logger, remote(ctx), why);
		}
		else {
			this.config.rejections.refusedBy(logger, remote(ctx), why);
		}
		fail(ctx, new HandshakeRejectedException(reject.reason(), "refused by " + remote(ctx) + ": " + why));
	}

	private void refuse(ChannelHandlerContext ctx, RejectReason reason, String message) {
		if (!Refusals.first(ctx.channel())) {
			return;
		}
		if (reason == RejectReason.CONFLICT) {
			// Two live nodes with one id: a misconfiguration someone must fix, on both
			// nodes.
			this.config.rejections.conflict(logger, remote(ctx), message);
		}
		else {
			this.config.rejections.refused(logger, remote(ctx), message);
		}
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
		abandon();
		if (this.dialed != null) {
			this.dialed.completeExceptionally(failure);
		}
		ctx.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
	}

	// A follower's admission holds until the leader's verdict: released when none comes.
	private void abandon() {
		NettyConnection connection = this.candidate;
		if (this.admitted && connection != null) {
			this.admitted = false;
			this.config.listener.abandoned(connection);
		}
	}

	// The node with the smaller id decides for the pair.
	private boolean isLeader() {
		Frame.Hello hello = this.remoteHello;
		return hello != null && this.config.local.nodeId().compareTo(hello.nodeId()) < 0;
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
