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

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateHandler;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.ConnectionListener;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.Handshake;
import dev.tcpnet.transport.PeerAddress;

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

	private final FrameWriter writer;

	private volatile ConnectionListener listener = DISCARD;

	// An EmbeddedChannel's is not an InetSocketAddress.
	private final SocketAddress remoteAddress;

	/** What was asked last of {@link #pauseReading}. */
	private volatile boolean readingPaused;

	NettyConnection(Channel channel, Handshake remote, Direction direction, long connectionId) {
		this.channel = channel;
		this.remote = remote;
		this.direction = direction;
		this.connectionId = connectionId;
		this.writer = new FrameWriter(channel);
		this.remoteAddress = RemoteAddress.of(channel);
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
		return (InetSocketAddress) this.remoteAddress;
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
		this.writer.write(new Frame.Data(envelope));
	}

	@Override
	public void acknowledge(long seq) {
		this.writer.write(new Frame.Ack(seq));
	}

	/**
	 * Applied on the event loop in the order asked: a resume asked from another thread
	 * runs later than a pause asked on the loop meanwhile, and must not undo it.
	 */
	@Override
	public void pauseReading(boolean paused) {
		this.readingPaused = paused;
		EventLoop loop = this.channel.eventLoop();
		if (loop.inEventLoop()) {
			applyReadingPaused();
		}
		else {
			try {
				loop.execute(this::applyReadingPaused);
			}
			catch (RejectedExecutionException ex) {
				// The connection closes with its event loop: nothing left to pause or
				// resume.
			}
		}
	}

	private void applyReadingPaused() {
		boolean read = !this.readingPaused;
		if (read && !this.channel.config().isAutoRead()) {
			// The peer was not silent while its bytes waited here: count its silence from
			// now.
			IdleStateHandler heartbeat = this.channel.pipeline().get(IdleStateHandler.class);
			if (heartbeat != null) {
				heartbeat.resetReadTimeout();
			}
		}
		this.channel.config().setAutoRead(read);
	}

	@Override
	public void tellPeers(List<PeerAddress> peers) {
		this.writer.write(new Frame.Peers(peers));
	}

	@Override
	public CompletableFuture<Void> goodbye() {
		this.writer.writeAndClose(new Frame.Goodbye());
		return toCompletable(this.channel.closeFuture());
	}

	@Override
	public void closeAsDuplicate() {
		this.writer.writeAndClose(new Frame.Duplicate());
	}

	@Override
	public void close() {
		this.channel.close();
	}

	@Override
	public String toString() {
		return this.remote.nodeId() + "@" + this.remoteAddress + "(" + this.direction + ")";
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
