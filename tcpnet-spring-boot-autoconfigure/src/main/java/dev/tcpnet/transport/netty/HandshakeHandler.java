package dev.tcpnet.transport.netty;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Handshake;
import dev.tcpnet.transport.HandshakeRejectedException;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.SelfConnectionException;
import dev.tcpnet.transport.TcpnetProtocol;
import dev.tcpnet.transport.TransportListener;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the handshake of one connection: sends the preface and this node's hello as soon as
 * the connection is active, waits for the remote's hello, checks cluster and identity, then
 * replaces itself with a {@link ConnectionHandler} and hands the connection over. A connection
 * that has not completed its handshake within the timeout is closed.
 */
class HandshakeHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(HandshakeHandler.class);

	private final LocalIdentity local;

	private final Direction direction;

	private final Duration timeout;

	private final TransportListener listener;

	private final @Nullable CompletableFuture<Connection> dialed;

	private final long nonce = ThreadLocalRandom.current().nextLong();

	private @Nullable ScheduledFuture<?> timeoutTask;

	HandshakeHandler(LocalIdentity local, Direction direction, Duration timeout, TransportListener listener,
			@Nullable CompletableFuture<Connection> dialed) {
		this.local = local;
		this.direction = direction;
		this.timeout = timeout;
		this.listener = listener;
		this.dialed = dialed;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.listener.opened(remote(ctx), this.direction);
		ByteBuf preface = ctx.alloc().buffer(TcpnetProtocol.PREFACE_LENGTH);
		preface.writeInt(TcpnetProtocol.MAGIC).writeByte(TcpnetProtocol.VERSION);
		ctx.write(preface);
		ctx.writeAndFlush(this.local.hello(this.nonce));
		this.timeoutTask = ctx.executor()
			.schedule(() -> timedOut(ctx), this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof Frame.Hello hello) {
			helloReceived(ctx, hello);
		}
		else if (msg instanceof Frame.Reject reject) {
			logger.warn("{} refused the handshake: {} ({})", remote(ctx), reject.reason(), reject.message());
			fail(ctx, new HandshakeRejectedException(reject.reason(), "refused by " + remote(ctx) + ": " + reject.message()));
		}
		else {
			throw new ProtocolViolationException(RejectReason.PROTOCOL,
					msg.getClass().getSimpleName().toLowerCase() + " frame before the handshake");
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		cancelTimeout();
		this.listener.closedBeforeHandshake(remote(ctx));
		if (this.dialed != null) {
			this.dialed.completeExceptionally(
					new HandshakeRejectedException(RejectReason.PROTOCOL, remote(ctx) + " closed before the handshake"));
		}
		ctx.fireChannelInactive();
	}

	private void helloReceived(ChannelHandlerContext ctx, Frame.Hello hello) {
		if (!hello.cluster().equals(this.local.cluster())) {
			refuse(ctx, RejectReason.CLUSTER, "cluster '" + hello.cluster() + "' is not this node's cluster");
			return;
		}
		if (hello.nodeId().equals(this.local.nodeId())) {
			logger.debug("Closing connection {}: it reaches this node itself", remote(ctx));
			fail(ctx, new SelfConnectionException(remote(ctx)));
			return;
		}
		cancelTimeout();
		long connectionId = (this.direction == Direction.OUTBOUND) ? this.nonce : hello.nonce();
		Handshake remote = new Handshake(hello.cluster(), hello.nodeId(), hello.incarnation(), hello.listenPort());
		NettyConnection connection = new NettyConnection(ctx.channel(), remote, this.direction, connectionId);
		ctx.pipeline().replace(this, "connection", new ConnectionHandler(connection));
		logger.debug("Handshake with {} at {} complete ({})", remote.nodeId(), remote(ctx), this.direction);
		this.listener.connected(connection);
		if (this.dialed != null) {
			this.dialed.complete(connection);
		}
	}

	private void refuse(ChannelHandlerContext ctx, RejectReason reason, String message) {
		logger.warn("Refused connection {}: {}", remote(ctx), message);
		this.listener.rejected(remote(ctx), reason);
		ctx.writeAndFlush(new Frame.Reject(reason, message));
		fail(ctx, new HandshakeRejectedException(reason, "refused " + remote(ctx) + ": " + message));
	}

	private void timedOut(ChannelHandlerContext ctx) {
		logger.warn("Closing connection {}: no handshake within {} ms", remote(ctx), this.timeout.toMillis());
		this.listener.rejected(remote(ctx), RejectReason.TIMEOUT);
		fail(ctx, new HandshakeRejectedException(RejectReason.TIMEOUT, "no handshake from " + remote(ctx)));
	}

	private void fail(ChannelHandlerContext ctx, RuntimeException failure) {
		cancelTimeout();
		if (this.dialed != null) {
			this.dialed.completeExceptionally(failure);
		}
		ctx.channel().writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
	}

	private void cancelTimeout() {
		if (this.timeoutTask != null) {
			this.timeoutTask.cancel(false);
		}
	}

	static SocketAddress remote(ChannelHandlerContext ctx) {
		return ctx.channel().remoteAddress();
	}

}
