package dev.tcpnet.transport.netty;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.ConnectionListener;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.Handshake;
import dev.tcpnet.transport.PeerAddress;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

/**
 * A {@link Connection} over a Netty channel.
 */
final class NettyConnection implements Connection {

	private static final ConnectionListener DISCARD = new ConnectionListener() {

		@Override
		public void received(Connection connection, Envelope envelope) {
		}

		@Override
		public void acknowledged(Connection connection, long seq) {
		}

		@Override
		public void goodbye(Connection connection) {
		}

		@Override
		public void duplicate(Connection connection) {
		}

		@Override
		public void closed(Connection connection) {
		}

	};

	private final Channel channel;

	private final Handshake remote;

	private final Direction direction;

	private final long connectionId;

	private volatile ConnectionListener listener = DISCARD;

	NettyConnection(Channel channel, Handshake remote, Direction direction, long connectionId) {
		this.channel = channel;
		this.remote = remote;
		this.direction = direction;
		this.connectionId = connectionId;
	}

	@Override
	public Handshake remote() {
		return this.remote;
	}

	@Override
	public Direction direction() {
		return this.direction;
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return (InetSocketAddress) this.channel.remoteAddress();
	}

	@Override
	public long connectionId() {
		return this.connectionId;
	}

	@Override
	public void listen(ConnectionListener listener) {
		this.listener = listener;
	}

	ConnectionListener listener() {
		return this.listener;
	}

	@Override
	public void send(Envelope envelope) {
		this.channel.writeAndFlush(new Frame.Data(envelope), this.channel.voidPromise());
	}

	@Override
	public void acknowledge(long seq) {
		this.channel.writeAndFlush(new Frame.Ack(seq), this.channel.voidPromise());
	}

	@Override
	public void pauseReading(boolean paused) {
		this.channel.config().setAutoRead(!paused);
	}

	@Override
	public void tellPeers(List<PeerAddress> peers) {
		this.channel.writeAndFlush(new Frame.Peers(peers), this.channel.voidPromise());
	}

	@Override
	public CompletableFuture<Void> goodbye() {
		this.channel.writeAndFlush(new Frame.Goodbye()).addListener(ChannelFutureListener.CLOSE);
		return toCompletable(this.channel.closeFuture());
	}

	@Override
	public void closeAsDuplicate() {
		this.channel.writeAndFlush(new Frame.Duplicate()).addListener(ChannelFutureListener.CLOSE);
	}

	@Override
	public void close() {
		this.channel.close();
	}

	@Override
	public String toString() {
		return this.remote.nodeId() + "@" + this.channel.remoteAddress() + "(" + this.direction + ")";
	}

	private static CompletableFuture<Void> toCompletable(ChannelFuture channelFuture) {
		CompletableFuture<Void> future = new CompletableFuture<>();
		channelFuture.addListener((ChannelFuture f) -> {
			if (f.isSuccess()) {
				future.complete(null);
			}
			else {
				future.completeExceptionally(f.cause());
			}
		});
		return future;
	}

}
