package dev.tcpnet.transport.netty;

import java.util.concurrent.CompletableFuture;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.transport.Connection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

/**
 * Builds the pipeline of every connection, in this order.
 */
class TcpnetChannelInitializer extends ChannelInitializer<Channel> {

	private final PipelineConfig config;

	private final Direction direction;

	private final @Nullable CompletableFuture<Connection> dialed;

	TcpnetChannelInitializer(PipelineConfig config, Direction direction,
			@Nullable CompletableFuture<Connection> dialed) {
		this.config = config;
		this.direction = direction;
		this.dialed = dialed;
	}

	@Override
	protected void initChannel(Channel channel) {
		// Tracked so that closing the transport closes every connection.
		this.config.channels.add(channel);
		ChannelPipeline pipeline = channel.pipeline();
		// TLS first, when configured: everything after it is encrypted, both sides
		// present
		// certificates. Contexts are read per connection, so a reloaded bundle applies to
		// the
		// next connection.
		TlsContexts tls = this.config.tls();
		if (tls != null) {
			SslHandler ssl = tls.newHandler(this.direction, channel.alloc());
			ssl.setHandshakeTimeoutMillis(this.config.handshakeTimeout.toMillis());
			pipeline.addLast("tls", ssl);
		}
		// Preface check, then length-prefixed frames; the length is checked before
		// buffering.
		pipeline.addLast("frames", new FrameDecoder(this.config.maxFrameSize));
		// Frame bytes <-> Frame records.
		pipeline.addLast("codec", new FrameCodec());
		// Hello exchange, cluster, identity and secret checks, timeout; replaced by the
		// connection handler once the handshake is complete.
		pipeline.addLast("handshake", new HandshakeHandler(this.config, this.direction, this.dialed));
		// Last: log, tell the remote why, close.
		pipeline.addLast("errors", new ErrorHandler(this.config));
	}

}
