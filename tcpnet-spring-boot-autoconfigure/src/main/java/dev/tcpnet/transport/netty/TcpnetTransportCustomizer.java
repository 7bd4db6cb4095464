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

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelPipeline;

import dev.tcpnet.peer.Direction;

/**
 * Callback to customize the Netty transport: the acceptor's and the dialer's bootstraps
 * (socket options, for example) and the pipeline of every connection. Every
 * {@code TcpnetTransportCustomizer} bean is applied, in
 * {@link org.springframework.core.Ordered order}.
 *
 * <p>
 * The pipeline is handed over once tcpnet has built it: {@code tls} (when configured),
 * {@code stall}, {@code frames}, {@code codec}, {@code handshake} (replaced by
 * {@code connection} once the handshake is complete) and {@code errors}. Handlers added
 * before {@code frames} see the raw bytes; inbound handlers added between {@code frames}
 * and {@code handshake} see the decoded frames. When the handshake completes and no
 * inbound handler sits there, frames go straight from {@code frames} to
 * {@code connection}, so one added there later sees none. A handler must never block,
 * since it runs on a network thread. Customizers run on the network thread that
 * initializes the connection.
 *
 * @since 0.1.0
 */
public interface TcpnetTransportCustomizer {

	/**
	 * Customizes the bootstrap of the acceptor, before it binds.
	 * @param bootstrap the acceptor's bootstrap
	 */
	default void customizeServer(ServerBootstrap bootstrap) {
	}

	/**
	 * Customizes the bootstrap of a dial, before it connects.
	 * @param bootstrap the dial's bootstrap
	 */
	default void customizeClient(Bootstrap bootstrap) {
	}

	/**
	 * Customizes the pipeline of a new connection, after tcpnet added its handlers.
	 * @param pipeline the connection's pipeline
	 * @param direction {@code INBOUND} for an accepted connection, {@code OUTBOUND} for a
	 * dialed one
	 */
	default void customizePipeline(ChannelPipeline pipeline, Direction direction) {
	}

}
