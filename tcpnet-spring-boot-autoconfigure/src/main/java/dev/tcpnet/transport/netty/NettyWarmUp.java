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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and initializes Netty's classes, its native epoll library and the transport's own
 * classes on a background thread while the application context is still being prepared,
 * so that creating the transport later on the main thread finds them ready. A node is
 * bound exactly when it was without the warm-up: only class loading moves.
 *
 * <p>
 * {@link NettyTransport}'s constructor {@linkplain #await() waits} for a warm-up in
 * progress before it touches Netty, so no Netty class is ever initialized by two threads
 * at once. Without a warm-up (an {@code ApplicationContextRunner}, a transport created by
 * hand) nothing changes.
 *
 * @since 0.1.0
 */
public final class NettyWarmUp {

	private static final Logger logger = LoggerFactory.getLogger(NettyWarmUp.class);

	/** Longer than any warm-up; the transport then initializes what is left itself. */
	private static final long AWAIT_SECONDS = 30;

	/**
	 * What the transport and its pipelines use first, in the order they are used.
	 */
	private static final List<String> CLASSES = List.of("io.netty.util.internal.PlatformDependent",
			"io.netty.util.concurrent.DefaultThreadFactory", "io.netty.channel.MultiThreadIoEventLoopGroup",
			"io.netty.bootstrap.ServerBootstrap", "io.netty.bootstrap.Bootstrap",
			"io.netty.channel.DefaultChannelPipeline", "io.netty.buffer.PooledByteBufAllocator",
			"io.netty.buffer.ByteBufUtil", "io.netty.util.concurrent.GlobalEventExecutor",
			"io.netty.channel.group.DefaultChannelGroup", "io.netty.handler.timeout.IdleStateEvent",
			"io.netty.handler.codec.ByteToMessageDecoder", "dev.tcpnet.transport.netty.TcpnetChannelInitializer",
			"dev.tcpnet.transport.netty.HandshakeHandler", "dev.tcpnet.transport.netty.FrameDecoder",
			"dev.tcpnet.transport.netty.FrameCodec", "dev.tcpnet.transport.netty.ConnectionHandler",
			"dev.tcpnet.transport.netty.HeartbeatHandler", "dev.tcpnet.transport.netty.NettyConnection");

	private static final AtomicReference<@Nullable CompletableFuture<Void>> warmUp = new AtomicReference<>();

	private NettyWarmUp() {
	}

	/**
	 * Starts the warm-up on a daemon thread, once per class loader; later calls do
	 * nothing.
	 * @param preferNative whether the transport will prefer Netty's native epoll
	 * transport ({@code tcpnet.server.native-transport}): only then is the native library
	 * loaded
	 */
	public static void start(boolean preferNative) {
		CompletableFuture<Void> future = new CompletableFuture<>();
		if (!warmUp.compareAndSet(null, future)) {
			return;
		}
		Thread thread = new Thread(() -> run(preferNative, future), "tcpnet-warm-up");
		thread.setDaemon(true);
		thread.start();
	}

	private static void run(boolean preferNative, CompletableFuture<Void> future) {
		try {
			ClassLoader loader = NettyWarmUp.class.getClassLoader();
			IoTransport.choose(preferNative);
			for (String name : CLASSES) {
				Class.forName(name, true, loader);
			}
			allocateOnce();
		}
		catch (ClassNotFoundException | LinkageError | RuntimeException ex) {
			// The transport meets the same problem again and reports it where it belongs
			logger.debug("Warming up Netty failed", ex);
		}
		finally {
			future.complete(null);
		}
	}

	/**
	 * Allocates, grows and frees one buffer of the allocator every channel uses. The
	 * first allocation in a JVM loads the JDK flight recorder's metadata for Netty's
	 * allocator events, which took 150-190 ms on an idle core of the benchmark machine
	 * (14 ms with {@code -Dio.netty.jfr.enabled=false}, a switch for the application, not
	 * for a library). Without the warm-up a network thread pays it in the node's first
	 * handshake, while the peer waits; here it is paid before the node listens.
	 */
	private static void allocateOnce() {
		ByteBuf buffer = ByteBufAllocator.DEFAULT.ioBuffer(64);
		try {
			buffer.writeZero(64);
			buffer.ensureWritable(4096);
		}
		finally {
			buffer.release();
		}
	}

	/**
	 * Waits for a warm-up in progress to end; returns at once when none was started.
	 */
	public static void await() {
		CompletableFuture<Void> future = warmUp.get();
		if (future == null || future.isDone()) {
			return;
		}
		try {
			future.get(AWAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.debug("Netty's warm-up did not end in time", ex);
		}
	}

}
