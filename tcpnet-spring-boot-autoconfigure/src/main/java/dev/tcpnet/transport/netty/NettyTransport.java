package dev.tcpnet.transport.netty;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Transport;
import dev.tcpnet.transport.TransportBindException;
import dev.tcpnet.transport.TransportListener;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Transport} on Netty's NIO transport: one event loop group for accepting and for
 * every connection.
 */
public class NettyTransport implements Transport {

	private final LocalIdentity local;

	private final Settings settings;

	private final EventLoopGroup group;

	private final ChannelGroup channels = new DefaultChannelGroup("tcpnet", GlobalEventExecutor.INSTANCE);

	private volatile @Nullable TransportListener listener;

	private volatile @Nullable Channel serverChannel;

	/**
	 * Creates a transport.
	 * @param cluster this node's cluster
	 * @param nodeId this node's id
	 * @param incarnation this node's incarnation
	 * @param settings limits and timeouts
	 */
	public NettyTransport(String cluster, NodeId nodeId, long incarnation, Settings settings) {
		this.local = new LocalIdentity(cluster, nodeId, incarnation);
		this.settings = settings;
		this.group = new MultiThreadIoEventLoopGroup(settings.ioThreads(), new DefaultThreadFactory("tcpnet-io", true),
				NioIoHandler.newFactory());
	}

	@Override
	public InetSocketAddress bind(InetSocketAddress address, TransportListener listener) {
		this.listener = listener;
		ChannelFuture bound = new ServerBootstrap().group(this.group)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.SO_KEEPALIVE, true)
			.childHandler(initializer(Direction.INBOUND, listener, null))
			.bind(address)
			.awaitUninterruptibly();
		if (!bound.isSuccess()) {
			throw new TransportBindException(address, bound.cause());
		}
		this.serverChannel = bound.channel();
		InetSocketAddress local = (InetSocketAddress) bound.channel().localAddress();
		this.local.listenPort(local.getPort());
		return local;
	}

	@Override
	public CompletableFuture<Connection> dial(InetSocketAddress address) {
		TransportListener listener = this.listener;
		if (listener == null) {
			throw new IllegalStateException("Bind the transport before dialing");
		}
		CompletableFuture<Connection> dialed = new CompletableFuture<>();
		new Bootstrap().group(this.group)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.SO_KEEPALIVE, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.settings.connectTimeout().toMillis())
			.handler(initializer(Direction.OUTBOUND, listener, dialed))
			.connect(address)
			.addListener((ChannelFuture connected) -> {
				if (!connected.isSuccess()) {
					dialed.completeExceptionally(connected.cause());
				}
			});
		return dialed;
	}

	@Override
	public void stopAccepting() {
		Channel server = this.serverChannel;
		if (server != null) {
			server.close().awaitUninterruptibly();
		}
	}

	@Override
	public void close() {
		stopAccepting();
		this.channels.close().awaitUninterruptibly();
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
	}

	private TcpnetChannelInitializer initializer(Direction direction, TransportListener listener,
			@Nullable CompletableFuture<Connection> dialed) {
		return new TcpnetChannelInitializer(this.local, direction, this.settings.handshakeTimeout(),
				this.settings.maxFrameSize(), listener, dialed, this.channels);
	}

	/**
	 * Limits and timeouts of the transport.
	 *
	 * @param connectTimeout how long a dial may take
	 * @param handshakeTimeout how long a connection may take to complete its handshake
	 * @param maxFrameSize the largest frame accepted, in bytes
	 * @param ioThreads how many network threads to run
	 */
	public record Settings(Duration connectTimeout, Duration handshakeTimeout, int maxFrameSize, int ioThreads) {
	}

}
