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
 * Pipelines of the real initializer on {@link EmbeddedChannel}s, as an inbound connection
 * of a node in cluster {@code test} listening on port 7001.
 */
final class Channels {

	private Channels() {
	}

	static EmbeddedChannel inbound(NodeId local, int maxFrameSize, TransportListener listener,
			@Nullable SharedSecret secret, int maxPendingHandshakes) {
		return new EmbeddedChannel(new TcpnetChannelInitializer(
				config(local, maxFrameSize, listener, secret, maxPendingHandshakes), Direction.INBOUND, null));
	}

	static PipelineConfig config(NodeId local, int maxFrameSize, TransportListener listener,
			@Nullable SharedSecret secret, int maxPendingHandshakes) {
		LocalIdentity identity = new LocalIdentity("test", local, 1L);
		identity.listenPort(7001);
		// Heartbeat: a ping after 1 s without writing, closed after 30 s without reading.
		return new PipelineConfig(identity, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30),
				maxFrameSize, maxPendingHandshakes, listener, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
				secret, null);
	}

}
