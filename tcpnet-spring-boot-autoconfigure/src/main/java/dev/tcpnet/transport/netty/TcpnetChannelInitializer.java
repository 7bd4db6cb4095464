package dev.tcpnet.transport.netty;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.TransportListener;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.jspecify.annotations.Nullable;

/**
 * Builds the pipeline of every connection, in this order.
 */
class TcpnetChannelInitializer extends ChannelInitializer<Channel> {

	private final LocalIdentity local;

	private final Direction direction;

	private final Duration handshakeTimeout;

	private final int maxFrameSize;

	private final TransportListener listener;

	private final @Nullable CompletableFuture<Connection> dialed;

	private final ChannelGroup channels;

	TcpnetChannelInitializer(LocalIdentity local, Direction direction, Duration handshakeTimeout, int maxFrameSize,
			TransportListener listener, @Nullable CompletableFuture<Connection> dialed, ChannelGroup channels) {
		this.local = local;
		this.direction = direction;
		this.handshakeTimeout = handshakeTimeout;
		this.maxFrameSize = maxFrameSize;
		this.listener = listener;
		this.dialed = dialed;
		this.channels = channels;
	}

	@Override
	protected void initChannel(Channel channel) {
		// Tracked so that closing the transport closes every connection.
		this.channels.add(channel);
		ChannelPipeline pipeline = channel.pipeline();
		// (TLS will go first, when configured.)
		// Writes from application threads each end in a flush: batch them into fewer syscalls.
		pipeline.addLast("flush", new FlushConsolidationHandler(256, true));
		// Preface check, then length-prefixed frames; the length is checked before buffering.
		pipeline.addLast("frames", new FrameDecoder(this.maxFrameSize));
		// Frame bytes <-> Frame records.
		pipeline.addLast("codec", new FrameCodec());
		// Hello exchange, cluster and identity checks, timeout; replaced by the connection
		// handler once the handshake is complete.
		pipeline.addLast("handshake", new HandshakeHandler(this.local, this.direction, this.handshakeTimeout,
				this.listener, this.dialed));
		// Last: log, tell the remote why, close.
		pipeline.addLast("errors", new ErrorHandler(this.listener));
	}

}
