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
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.unix.Errors;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.SharedSecret;
import dev.tcpnet.transport.TcpnetProtocol;
import dev.tcpnet.transport.TlsMaterial;
import dev.tcpnet.transport.Transport;
import dev.tcpnet.transport.TransportBindException;
import dev.tcpnet.transport.TransportListener;

/**
 * The {@link Transport} on Netty: one event loop group for accepting and for every
 * connection, on the native epoll transport when it is available and preferred, on NIO
 * otherwise.
 *
 * @since 0.1.0
 */
public class NettyTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(NettyTransport.class);

	/** Linux's error number for an address in use. */
	private static final int EADDRINUSE = 98;

	/**
	 * Above this many bytes waiting for a connection's socket, its frame writer stops
	 * encoding and the frames wait as they are: what a peer that stops reading costs a
	 * connection is this mark plus one batch. With 64 KiB messages on loopback, Netty's
	 * default marks (32 and 64 KiB, one message) measured the same throughput as these,
	 * since the kernel's send buffer keeps the socket busy while the writer waits; these
	 * leave the event loop more headroom (a busy loop, a collection) before the socket
	 * runs dry, for a cost still small beside a peer's buffered messages
	 * ({@code tcpnet.delivery.buffer-max-size}).
	 */
	static final int WRITE_BUFFER_HIGH_WATER_MARK = 1024 * 1024;

	/**
	 * Once the bytes waiting fall below this, the writer resumes: a quarter of the high
	 * mark, so that it resumes with four batches still on their way.
	 */
	static final int WRITE_BUFFER_LOW_WATER_MARK = 256 * 1024;

	private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(WRITE_BUFFER_LOW_WATER_MARK,
			WRITE_BUFFER_HIGH_WATER_MARK);

	private final LocalIdentity local;

	private final Settings settings;

	private final List<TcpnetTransportCustomizer> customizers;

	private volatile @Nullable TlsContexts tls;

	private volatile @Nullable PipelineConfig pipeline;

	private final IoTransport io;

	private final NetworkThreads threads = new NetworkThreads();

	private final EventLoopGroup group;

	private final ChannelGroup channels = new DefaultChannelGroup("tcpnet", GlobalEventExecutor.INSTANCE);

	private volatile @Nullable Channel serverChannel;

	private volatile @Nullable UnixSockets unix;

	private volatile @Nullable Channel unixServerChannel;

	private volatile Supplier<Map<String, String>> attributes = Map::of;

	/**
	 * Creates a transport.
	 * @param cluster this node's cluster
	 * @param nodeId this node's id
	 * @param incarnation this node's incarnation
	 * @param settings limits and timeouts
	 */
	public NettyTransport(String cluster, NodeId nodeId, long incarnation, Settings settings) {
		this(cluster, nodeId, incarnation, settings, List.of());
	}

	/**
	 * Creates a transport whose bootstraps and pipelines are customized.
	 * @param cluster this node's cluster
	 * @param nodeId this node's id
	 * @param incarnation this node's incarnation
	 * @param settings limits and timeouts
	 * @param customizers the customizers, applied in this order
	 */
	public NettyTransport(String cluster, NodeId nodeId, long incarnation, Settings settings,
			List<TcpnetTransportCustomizer> customizers) {
		// A warm-up still loading Netty's classes finishes first: never two threads
		// initializing them at once
		NettyWarmUp.await();
		this.customizers = List.copyOf(customizers);
		this.local = new LocalIdentity(cluster, nodeId, incarnation);
		this.settings = settings;
		this.tls = (settings.tls() != null) ? TlsContexts.of(settings.tls()) : null;
		this.io = IoTransport.choose(settings.nativeTransport(), settings.busyPoll());
		this.group = new MultiThreadIoEventLoopGroup(settings.ioThreads(), this.threads, this.io.handlers());
		this.local.attributes(this::attributes);
	}

	/**
	 * Also accepts connections on a Unix-domain socket in a directory, and dials the
	 * nodes of this host on theirs ({@link dev.tcpnet.transport.TcpnetProtocol},
	 * "Same-host peers"). Call before {@link #bind}.
	 * @param directory the checked socket directory
	 */
	public void unixSocket(UnixSocketDirectory directory) {
		this.unix = new UnixSockets(directory);
	}

	/**
	 * Returns the socket file this node accepts Unix-domain connections on.
	 * @return the file, or {@code null} when it accepts none
	 */
	public @Nullable Path unixSocketFile() {
		UnixSockets unix = this.unix;
		String file = (unix != null) ? unix.attributes().get(TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE) : null;
		return (file != null) ? Path.of(file) : null;
	}

	/**
	 * Returns what this node's discovery may advertise about its Unix-domain socket: the
	 * {@link TcpnetProtocol#HOST_ATTRIBUTE host identity} and the
	 * {@link TcpnetProtocol#UNIX_SOCKET_ATTRIBUTE socket file}, as in the handshake.
	 * @return the attributes, empty when this node accepts no Unix-domain connections
	 */
	public Map<String, String> sameHostAttributes() {
		UnixSockets unix = this.unix;
		return (unix != null) ? unix.attributes() : Map.of();
	}

	private Map<String, String> attributes() {
		UnixSockets unix = this.unix;
		Map<String, String> user = this.attributes.get();
		if (unix == null) {
			return user;
		}
		Map<String, String> attributes = new LinkedHashMap<>(user);
		attributes.putAll(unix.attributes());
		return attributes;
	}

	@Override
	public boolean isNetworkThread() {
		return this.threads.isCurrent();
	}

	/** Which Netty transport the sockets run on: {@code epoll} or {@code nio}. */
	String ioTransportName() {
		return this.io.name();
	}

	@Override
	public InetSocketAddress bind(InetSocketAddress address, TransportListener transportListener) {
		UnixSockets unix = this.unix;
		TransportListener listener = (unix != null) ? new UnixSockets.LearningListener(transportListener, unix)
				: transportListener;
		PipelineConfig pipeline = new PipelineConfig(this.local, this.settings.handshakeTimeout(),
				this.settings.heartbeatInterval(), this.settings.heartbeatTimeout(), this.settings.writeTimeout(),
				this.settings.maxFrameSize(), this.settings.maxPendingHandshakes(), listener, this.channels,
				this.settings.secret(), this.tls);
		this.pipeline = pipeline;
		ServerBootstrap server = new ServerBootstrap().group(this.group)
			.channel(this.io.serverChannel())
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.SO_KEEPALIVE, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
			.childHandler(new TcpnetChannelInitializer(pipeline, Direction.INBOUND, null, this.customizers));
		this.customizers.forEach((customizer) -> customizer.customizeServer(server));
		ChannelFuture bound = server.bind(address).awaitUninterruptibly();
		if (!bound.isSuccess()) {
			throw new TransportBindException(address, asBindException(bound.cause()));
		}
		this.serverChannel = bound.channel();
		InetSocketAddress local = (InetSocketAddress) bound.channel().localAddress();
		this.local.listenPort(local.getPort());
		if (unix != null) {
			bindUnix(unix, local.getPort(), pipeline);
		}
		return local;
	}

	// The TCP options do not apply to a Unix-domain socket, nor do the customizers'
	// bootstrap options; their pipelines do.
	private void bindUnix(UnixSockets unix, int port, PipelineConfig pipeline) {
		Path file = unix.claim(port);
		if (file == null) {
			return;
		}
		ServerBootstrap server = new ServerBootstrap().group(this.group)
			.channel(this.io.domainServerChannel())
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
			.childAttr(UnixSockets.UNIX, Boolean.TRUE)
			.childHandler(new TcpnetChannelInitializer(pipeline, Direction.INBOUND, null, this.customizers));
		ChannelFuture bound = server.bind(this.io.domainAddress().apply(file)).awaitUninterruptibly();
		if (!bound.isSuccess()) {
			logger.warn("Cannot listen on the Unix-domain socket {}, accepting TCP alone: {}", file,
					String.valueOf(bound.cause()));
			return;
		}
		try {
			unix.bound(file);
			this.unixServerChannel = bound.channel();
			logger.debug("Accepting Unix-domain connections on {}", file);
		}
		catch (IOException ex) {
			logger.warn("Cannot make {} private to this user, accepting TCP alone: {}", file, ex.toString());
			bound.channel().close().awaitUninterruptibly();
		}
	}

	/**
	 * Reports a port in use as NIO does, with a {@link BindException}: Netty's epoll
	 * transport reports it as its own exception with the error number.
	 */
	private static Throwable asBindException(Throwable cause) {
		if (cause instanceof Errors.NativeIoException nativeFailure && nativeFailure.expectedErr() == -EADDRINUSE) {
			BindException bindException = new BindException(nativeFailure.getMessage());
			bindException.initCause(nativeFailure);
			return bindException;
		}
		return cause;
	}

	/**
	 * Sets what this node says about itself in every version 2 handshake (its metadata,
	 * host identity), read at each handshake.
	 * @param attributes the attributes, at most
	 * {@link dev.tcpnet.transport.TcpnetProtocol#MAX_ATTRIBUTES_BYTES} encoded
	 */
	public void localAttributes(Supplier<Map<String, String>> attributes) {
		this.attributes = attributes;
	}

	@Override
	public CompletableFuture<Connection> dial(InetSocketAddress address) {
		return dial(address, Map.of());
	}

	/**
	 * Dials a node, over its Unix-domain socket first when it is on this host: the file
	 * discovery reported with this node's host identity, else the file its handshake
	 * advertised, else the file for its port in this node's directory; never when
	 * discovery reported another host identity ({@link TcpnetProtocol}, "Same-host
	 * peers").
	 * @param address where the node accepts connections
	 * @param attributes what discovery learned about the node
	 * @return a future that completes with the connection once its handshake is complete
	 */
	@Override
	public CompletableFuture<Connection> dial(InetSocketAddress address, Map<String, String> attributes) {
		PipelineConfig pipeline = this.pipeline;
		if (pipeline == null) {
			throw new IllegalStateException("Bind the transport before dialing");
		}
		UnixSockets unix = this.unix;
		Path file = (unix != null) ? unix.route(address, attributes) : null;
		if (unix == null || file == null) {
			return dialTcp(address, pipeline);
		}
		if (!Files.exists(file)) {
			logger.info("The Unix-domain socket {} of the node at {} is gone, dialing it over TCP", file, address);
			return dialTcp(address, pipeline);
		}
		CompletableFuture<Connection> dialed = new CompletableFuture<>();
		dialUnix(address, file, pipeline).whenComplete((connection, failure) -> {
			if (failure == null) {
				dialed.complete(connection);
				return;
			}
			if (!UnixSockets.worthTcp(failure)) {
				// The node answered and refused (or keeps another connection): TCP would
				// hear the same
				dialed.completeExceptionally(failure);
				return;
			}
			logger.info("Could not reach the node at {} on its Unix-domain socket {} ({}), dialing it over TCP",
					address, file, failure.toString());
			dialTcp(address, pipeline).whenComplete((tcp, tcpFailure) -> {
				if (tcpFailure != null) {
					dialed.completeExceptionally(tcpFailure);
				}
				else {
					dialed.complete(tcp);
				}
			});
		});
		return dialed;
	}

	private CompletableFuture<Connection> dialUnix(InetSocketAddress address, Path file, PipelineConfig pipeline) {
		CompletableFuture<Connection> dialed = new CompletableFuture<>();
		Bootstrap client = new Bootstrap().group(this.group)
			.channel(this.io.domainChannel())
			.option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.settings.connectTimeout().toMillis())
			.attr(UnixSockets.UNIX, Boolean.TRUE)
			.attr(UnixSockets.DIALED, address)
			.handler(new TcpnetChannelInitializer(pipeline, Direction.OUTBOUND, dialed, this.customizers));
		client.connect(this.io.domainAddress().apply(file)).addListener((ChannelFuture connected) -> {
			if (!connected.isSuccess()) {
				dialed.completeExceptionally(connected.cause());
			}
		});
		return dialed;
	}

	private CompletableFuture<Connection> dialTcp(InetSocketAddress address, PipelineConfig pipeline) {
		CompletableFuture<Connection> dialed = new CompletableFuture<>();
		Bootstrap client = new Bootstrap().group(this.group)
			.channel(this.io.channel())
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.SO_KEEPALIVE, true)
			.option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.settings.connectTimeout().toMillis())
			.handler(new TcpnetChannelInitializer(pipeline, Direction.OUTBOUND, dialed, this.customizers));
		this.customizers.forEach((customizer) -> customizer.customizeClient(client));
		client.connect(address).addListener((ChannelFuture connected) -> {
			if (!connected.isSuccess()) {
				dialed.completeExceptionally(connected.cause());
			}
		});
		return dialed;
	}

	/**
	 * Bytes queued for the sockets of every connection: held by Netty for the socket, and
	 * estimated for the frames waiting in the connections' writers. Any thread.
	 * @return the bytes
	 */
	public long outboundBytes() {
		long bytes = 0;
		for (Channel channel : this.channels) {
			NettyConnection connection = NettyConnection.of(channel);
			bytes += (connection != null) ? connection.outboundBytes() : NettyConnection.socketPendingBytes(channel);
		}
		return bytes;
	}

	/** The open connections whose handshake is complete. */
	List<NettyConnection> connections() {
		List<NettyConnection> connections = new ArrayList<>();
		for (Channel channel : this.channels) {
			NettyConnection connection = NettyConnection.of(channel);
			if (connection != null) {
				connections.add(connection);
			}
		}
		return connections;
	}

	@Override
	public void stopAccepting() {
		Channel server = this.serverChannel;
		if (server != null) {
			server.close().awaitUninterruptibly();
		}
		Channel unixServer = this.unixServerChannel;
		if (unixServer != null) {
			unixServer.close().awaitUninterruptibly();
			this.unixServerChannel = null;
		}
		UnixSockets unix = this.unix;
		if (unix != null) {
			unix.release();
		}
	}

	@Override
	public void close() {
		stopAccepting();
		this.channels.close().awaitUninterruptibly();
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
	}

	/**
	 * Uses new TLS material for the connections opened from now on (a reloaded SSL
	 * bundle); open connections keep theirs.
	 * @param material the new material
	 * @throws IllegalStateException if the transport was created without TLS
	 */
	public void updateTls(TlsMaterial material) {
		if (this.tls == null) {
			throw new IllegalStateException("This transport was created without TLS");
		}
		TlsContexts contexts = TlsContexts.of(material);
		this.tls = contexts;
		PipelineConfig pipeline = this.pipeline;
		if (pipeline != null) {
			pipeline.tls(contexts);
		}
	}

	/**
	 * Limits, timeouts and security of the transport.
	 *
	 * @param connectTimeout how long a dial may take
	 * @param handshakeTimeout how long a connection may take to complete its handshake
	 * @param heartbeatInterval how long this side may write nothing before it sends a
	 * ping
	 * @param heartbeatTimeout how long a connection may read nothing before it is closed
	 * as lost
	 * @param writeTimeout how long bytes may wait to be written to a connection with none
	 * taken by the peer before it is closed as stalled
	 * @param maxFrameSize the largest frame accepted, in bytes
	 * @param maxPendingHandshakes how many inbound connections may be in their handshake
	 * at once; more are closed at once
	 * @param ioThreads how many network threads to run
	 * @param nativeTransport whether to run on Netty's native epoll transport when it is
	 * available (Linux, with {@code netty-transport-native-epoll} on the class path)
	 * @param secret the cluster's shared secret, or {@code null} for none
	 * @param tls the TLS material, or {@code null} for plain TCP
	 * @param busyPoll how long a busy network thread keeps polling for I/O before it
	 * sleeps; zero for threads that sleep as soon as they find nothing to do
	 */
	public record Settings(Duration connectTimeout, Duration handshakeTimeout, Duration heartbeatInterval,
			Duration heartbeatTimeout, Duration writeTimeout, int maxFrameSize, int maxPendingHandshakes, int ioThreads,
			boolean nativeTransport, @Nullable SharedSecret secret, @Nullable TlsMaterial tls, Duration busyPoll) {

		/**
		 * Creates settings whose network threads do not poll.
		 * @param connectTimeout how long a dial may take
		 * @param handshakeTimeout how long a connection may take to complete its
		 * handshake
		 * @param heartbeatInterval how long this side may write nothing before it sends a
		 * ping
		 * @param heartbeatTimeout how long a connection may read nothing before it is
		 * closed as lost
		 * @param writeTimeout how long bytes may wait to be written to a connection with
		 * none taken by the peer before it is closed as stalled
		 * @param maxFrameSize the largest frame accepted, in bytes
		 * @param maxPendingHandshakes how many inbound connections may be in their
		 * handshake at once
		 * @param ioThreads how many network threads to run
		 * @param nativeTransport whether to run on Netty's native epoll transport when it
		 * is available
		 * @param secret the cluster's shared secret, or {@code null} for none
		 * @param tls the TLS material, or {@code null} for plain TCP
		 */
		public Settings(Duration connectTimeout, Duration handshakeTimeout, Duration heartbeatInterval,
				Duration heartbeatTimeout, Duration writeTimeout, int maxFrameSize, int maxPendingHandshakes,
				int ioThreads, boolean nativeTransport, @Nullable SharedSecret secret, @Nullable TlsMaterial tls) {
			this(connectTimeout, handshakeTimeout, heartbeatInterval, heartbeatTimeout, writeTimeout, maxFrameSize,
					maxPendingHandshakes, ioThreads, nativeTransport, secret, tls, Duration.ZERO);
		}

		/**
		 * Creates settings whose write timeout is the heartbeat timeout.
		 * @param connectTimeout how long a dial may take
		 * @param handshakeTimeout how long a connection may take to complete its
		 * handshake
		 * @param heartbeatInterval how long this side may write nothing before it sends a
		 * ping
		 * @param heartbeatTimeout how long a connection may read nothing before it is
		 * closed as lost, and how long its writes may stall
		 * @param maxFrameSize the largest frame accepted, in bytes
		 * @param maxPendingHandshakes how many inbound connections may be in their
		 * handshake at once
		 * @param ioThreads how many network threads to run
		 * @param nativeTransport whether to run on Netty's native epoll transport when it
		 * is available
		 * @param secret the cluster's shared secret, or {@code null} for none
		 * @param tls the TLS material, or {@code null} for plain TCP
		 */
		public Settings(Duration connectTimeout, Duration handshakeTimeout, Duration heartbeatInterval,
				Duration heartbeatTimeout, int maxFrameSize, int maxPendingHandshakes, int ioThreads,
				boolean nativeTransport, @Nullable SharedSecret secret, @Nullable TlsMaterial tls) {
			this(connectTimeout, handshakeTimeout, heartbeatInterval, heartbeatTimeout, heartbeatTimeout, maxFrameSize,
					maxPendingHandshakes, ioThreads, nativeTransport, secret, tls);
		}

		/**
		 * Returns plain-TCP settings without a secret.
		 * @param connectTimeout how long a dial may take
		 * @param handshakeTimeout how long a handshake may take
		 * @param maxFrameSize the largest frame accepted, in bytes
		 * @return the settings
		 */
		public static Settings plain(Duration connectTimeout, Duration handshakeTimeout, int maxFrameSize) {
			return new Settings(connectTimeout, handshakeTimeout, Duration.ofSeconds(1), Duration.ofSeconds(3),
					maxFrameSize, 256, 2, true, null, null);
		}

	}

}
