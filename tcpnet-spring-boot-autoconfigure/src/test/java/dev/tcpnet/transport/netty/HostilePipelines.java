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

import java.time.Duration;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.SharedSecret;
import dev.tcpnet.transport.TransportListener;

/**
 * Real pipelines of inbound connections on {@link EmbeddedChannel}s, built by
 * {@code TcpnetChannelInitializer}, for tests outside this package (the hostile-input
 * suite). All channels of one instance share what the connections of one node share
 * (identity, limits, rejection log, the count of pending handshakes): a node
 * {@code local} of cluster {@code test}, listening on port 7001.
 */
public final class HostilePipelines {

	/** The handshake timeout of these pipelines. */
	public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

	/** How long a connection may carry nothing from this side before a ping. */
	public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

	/** How long a connection may carry nothing from the peer before it is closed. */
	public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

	/** How many connections may be in their handshake at once. */
	public static final int MAX_PENDING_HANDSHAKES = 256;

	private final PipelineConfig config;

	private HostilePipelines(PipelineConfig config) {
		this.config = config;
	}

	/**
	 * Creates the shared configuration of a node's connections.
	 * @param listener where the transport reports
	 * @param secret the shared secret, or {@code null} for none
	 * @param maxFrameSize the largest frame accepted
	 * @return the pipelines
	 */
	public static HostilePipelines create(TransportListener listener, @Nullable SharedSecret secret, int maxFrameSize) {
		LocalIdentity identity = new LocalIdentity("test", NodeId.of("local"), 1L);
		identity.listenPort(7001);
		return new HostilePipelines(new PipelineConfig(identity, HANDSHAKE_TIMEOUT, HEARTBEAT_INTERVAL,
				HEARTBEAT_TIMEOUT, maxFrameSize, MAX_PENDING_HANDSHAKES, listener,
				new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), secret, null));
	}

	/**
	 * Returns a new active inbound channel; its preface and hello are already written.
	 * @return the channel
	 */
	public EmbeddedChannel newInbound() {
		return new EmbeddedChannel(new TcpnetChannelInitializer(this.config, Direction.INBOUND, null));
	}

	/**
	 * Returns how many connections hold a place among those in their handshake.
	 * @return the count
	 */
	public int pendingHandshakes() {
		return this.config.pendingHandshakes();
	}

}
