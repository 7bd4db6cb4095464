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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * The close after a last frame, over real loopback sockets, against a raw client that
 * sends without pause, as a peer flooding a node that stops does: it reads the last frame
 * and an orderly end, and may go on writing until it closes, rather than being reset.
 */
class LingeringCloseTests {

	private static final byte[] LAST = "goodbye".getBytes(StandardCharsets.US_ASCII);

	private static final int CHUNK = 64 * 1024;

	private EventLoopGroup group;

	private Channel server;

	private final CompletableFuture<Channel> accepted = new CompletableFuture<>();

	@BeforeEach
	void listen() throws InterruptedException {
		this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		this.server = new ServerBootstrap().group(this.group)
			.channel(NioServerSocketChannel.class)
			// Reads nothing until the last frame: the client's bytes wait unread.
			.childOption(ChannelOption.AUTO_READ, false)
			.childHandler(new ChannelInboundHandlerAdapter() {

				@Override
				public void channelActive(ChannelHandlerContext ctx) {
					LingeringCloseTests.this.accepted.complete(ctx.channel());
				}

				@Override
				public void channelRead(ChannelHandlerContext ctx, Object message) {
					ReferenceCountUtil.release(message);
				}

			})
			.bind("127.0.0.1", 0)
			.sync()
			.channel();
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Test
	void aClientStillSendingReadsTheLastFrameAndAnOrderlyEnd() throws Exception {
		try (Socket client = connect()) {
			OutputStream out = client.getOutputStream();
			byte[] chunk = new byte[CHUNK];
			// More than the server's receive buffer holds: unread bytes wait there.
			for (int i = 0; i < 16; i++) {
				out.write(chunk);
			}
			Channel channel = this.accepted.get();
			channel.writeAndFlush(Unpooled.wrappedBuffer(LAST))
				.addListener((ChannelFutureListener) LingeringClose::afterLastFrame)
				.sync();
			InputStream in = client.getInputStream();
			assertThat(in.readNBytes(LAST.length)).isEqualTo(LAST);
			// A plain close would have reset the connection: these writes would fail.
			assertThatNoException().isThrownBy(() -> {
				for (int i = 0; i < 64; i++) {
					out.write(chunk);
				}
			});
			assertThat(in.read()).isEqualTo(-1);
			assertThat(channel.isOpen()).isTrue();
			client.close();
			await().atMost(Duration.ofSeconds(10)).until(() -> !channel.isOpen());
		}
	}

	@Test
	void aClientThatNeverClosesIsClosedAfterTheLinger() throws Exception {
		try (Socket client = connect()) {
			Channel channel = this.accepted.get();
			channel.writeAndFlush(Unpooled.wrappedBuffer(LAST))
				.addListener((ChannelFutureListener) LingeringClose::afterLastFrame)
				.sync();
			assertThat(client.getInputStream().readNBytes(LAST.length)).isEqualTo(LAST);
			// Still sending: what it sends is read and discarded, and does not keep the
			// connection open.
			OutputStream out = client.getOutputStream();
			for (int i = 0; i < 16; i++) {
				out.write(new byte[CHUNK]);
			}
			// The listener may run after sync() returned.
			await().atMost(Duration.ofSeconds(10)).until(() -> LingeringClose.lingering(channel));
			await().atMost(Duration.ofSeconds(30)).until(() -> !channel.isOpen());
		}
	}

	private Socket connect() throws IOException {
		Socket client = new Socket();
		client.connect(new InetSocketAddress("127.0.0.1", ((InetSocketAddress) this.server.localAddress()).getPort()),
				5000);
		return client;
	}

}
