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
import java.util.concurrent.CompletableFuture;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.transport.Connection;

/**
 * Builds the pipeline of every connection, in this order.
 */
class TcpnetChannelInitializer extends ChannelInitializer<Channel> {

	private final PipelineConfig config;

	private final Direction direction;

	private final @Nullable CompletableFuture<Connection> dialed;

	private final List<TcpnetTransportCustomizer> customizers;

	TcpnetChannelInitializer(PipelineConfig config, Direction direction,
			@Nullable CompletableFuture<Connection> dialed) {
		this(config, direction, dialed, List.of());
	}

	TcpnetChannelInitializer(PipelineConfig config, Direction direction, @Nullable CompletableFuture<Connection> dialed,
			List<TcpnetTransportCustomizer> customizers) {
		this.customizers = customizers;
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
		// Closes the connection when what it writes makes no progress: the peer stopped
		// reading.
		pipeline.addLast("stall", new WriteStallHandler(this.config.writeTimeout.toMillis(), this.config.checks));
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
		// The application's handlers, placed where its customizers choose.
		for (TcpnetTransportCustomizer customizer : this.customizers) {
			customizer.customizePipeline(pipeline, this.direction);
		}
	}

}
