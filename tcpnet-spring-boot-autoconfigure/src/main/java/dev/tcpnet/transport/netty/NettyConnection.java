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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.ConnectionListener;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.Handshake;
import dev.tcpnet.transport.PeerAddress;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * A {@link Connection} over a Netty channel.
 */
final class NettyConnection implements Connection {

	/** Where a channel keeps its connection once the handshake is complete. */
	private static final AttributeKey<NettyConnection> CONNECTION = AttributeKey.valueOf(NettyConnection.class,
			"connection");

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

	// Completed by the attributes of the remote's READY or WELCOME frame.
	private volatile Handshake remote;

	private final Direction direction;

	private final long connectionId;

	private final int protocolVersion;

	private final FrameWriter writer;

	// When the last read completed; written by the event loop only.
	private volatile long heardNanos = System.nanoTime();

	private volatile ConnectionListener listener = DISCARD;

	// An EmbeddedChannel's is not an InetSocketAddress.
	private final SocketAddress remoteAddress;

	/** What was asked last of {@link #pauseReading}. */
	private volatile boolean readingPaused;

	NettyConnection(Channel channel, Handshake remote, Direction direction, long connectionId, int protocolVersion) {
		this.channel = channel;
		this.remote = remote;
		this.direction = direction;
		this.connectionId = connectionId;
		this.protocolVersion = protocolVersion;
		this.remoteAddress = RemoteAddress.of(channel);
		this.writer = new FrameWriter(channel, this);
		this.writer.headers(protocolVersion >= TcpnetProtocol.HEADERS_VERSION);
		channel.attr(CONNECTION).set(this);
	}

	/**
	 * Returns the connection of a channel whose handshake is complete.
	 * @param channel the channel
	 * @return its connection, or {@code null} while it is in its handshake
	 */
	static @Nullable NettyConnection of(Channel channel) {
		return channel.attr(CONNECTION).get();
	}

	@Override
	public Handshake remote() {
		return this.remote;
	}

	/**
	 * In the handshake: what the remote said about itself in its READY or WELCOME frame.
	 */
	void remoteAttributes(Map<String, String> attributes) {
		this.remote = this.remote.withAttributes(attributes);
	}

	/** The connection's channel: its type names the socket it runs on. */
	Channel channel() {
		return this.channel;
	}

	@Override
	public String transport() {
		return UnixSockets.transportOf(this.channel);
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
	public int protocolVersion() {
		return this.protocolVersion;
	}

	@Override
	public long silentNanos() {
		return System.nanoTime() - this.heardNanos;
	}

	/** On the event loop, after every read. */
	void heard() {
		this.heardNanos = System.nanoTime();
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
	public void sendMessage(long seq, String topic, byte[] payload) {
		this.writer.writeMessage(seq, topic, payload);
	}

	@Override
	public void resume(long seq) {
		if (this.protocolVersion >= 2) {
			this.writer.write(new Frame.Resume(seq));
		}
	}

	@Override
	public void acknowledge(long seq) {
		this.writer.acknowledge(seq);
	}

	/** Answers a ping; only the latest of those not answered yet is. */
	void pong(long nanos) {
		this.writer.pong(nanos);
	}

	void ping(long nanos) {
		this.writer.ping(nanos);
	}

	/**
	 * On the event loop: the channel went above or below its write-buffer water marks.
	 */
	void writabilityChanged() {
		this.writer.writabilityChanged();
	}

	/** On the event loop: the channel closed; what waits to be written never will be. */
	void channelClosed() {
		this.writer.discard();
	}

	FrameWriter writer() {
		return this.writer;
	}

	boolean channelIsWritable() {
		return this.channel.isWritable();
	}

	/**
	 * Bytes queued for the socket: those Netty holds for it (encoded, past the frame
	 * writer), and an estimate of the frames waiting in the writer. Any thread.
	 * @return the bytes
	 */
	long outboundBytes() {
		return socketPendingBytes(this.channel) + this.writer.queuedBytes();
	}

	@Override
	public long queuedBytes() {
		return outboundBytes();
	}

	/**
	 * Bytes Netty holds for the socket (encoded, with its per-write overhead). Any
	 * thread.
	 */
	long socketPendingBytes() {
		return socketPendingBytes(this.channel);
	}

	/**
	 * Bytes Netty holds for a channel's socket (with its per-write overhead). Any thread.
	 */
	static long socketPendingBytes(Channel channel) {
		ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
		return (buffer != null) ? buffer.totalPendingWriteBytes() : 0;
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
		boolean read = !this.readingPaused || LingeringClose.lingering(this.channel);
		if (read && !this.channel.config().isAutoRead()) {
			// The peer was not silent while its bytes waited here: count its silence from
			// now.
			HeartbeatHandler heartbeat = this.channel.pipeline().get(HeartbeatHandler.class);
			if (heartbeat != null) {
				heartbeat.readingResumed();
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

	/**
	 * Reported like any violation: the last handler logs it, tells the remote, and
	 * closes.
	 */
	@Override
	public void closeForViolation(String reason) {
		this.channel.pipeline().fireExceptionCaught(new ProtocolViolationException(RejectReason.PROTOCOL, reason));
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
