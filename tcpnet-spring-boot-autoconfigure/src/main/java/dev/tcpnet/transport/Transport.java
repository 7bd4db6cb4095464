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

package dev.tcpnet.transport;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Accepts and dials connections and hands them over once their handshake is complete.
 *
 * <p>
 * The transport owns the wire: framing, the handshake (protocol version, cluster,
 * identity), and frame-size and handshake-time limits. Connections that fail the
 * handshake never reach the {@link TransportListener}.
 *
 * @since 0.1.0
 */
public interface Transport {

	/**
	 * Binds the acceptor and starts accepting.
	 * @param address the address to bind; port 0 lets the operating system choose
	 * @param listener receives every connection, inbound and outbound, once its handshake
	 * is complete
	 * @return the bound address
	 * @throws TransportBindException if the address cannot be bound
	 */
	InetSocketAddress bind(InetSocketAddress address, TransportListener listener);

	/**
	 * Dials a node. The connection is also handed to the {@link TransportListener} before
	 * the returned future completes.
	 * @param address where the node accepts connections
	 * @return a future that completes with the connection once its handshake is complete,
	 * or fails (connection refused, timeout, handshake rejected, or
	 * {@link SelfConnectionException})
	 */
	CompletableFuture<Connection> dial(InetSocketAddress address);

	/**
	 * Dials a node with what discovery learned about it: attributes under the keys of the
	 * handshake's ({@link TcpnetProtocol}), such as the host identity and Unix-domain
	 * socket file of a node of this host. A transport uses the ones it knows as hints and
	 * ignores the rest; by default it ignores them all.
	 * @param address where the node accepts connections
	 * @param attributes what discovery learned about the node, possibly empty
	 * @return a future as {@link #dial(InetSocketAddress)} returns
	 */
	default CompletableFuture<Connection> dial(InetSocketAddress address, Map<String, String> attributes) {
		return dial(address);
	}

	/**
	 * Whether the calling thread is one of this transport's network threads, where
	 * nothing may wait for the network.
	 * @return whether it is
	 */
	default boolean isNetworkThread() {
		return false;
	}

	/**
	 * Stops accepting new connections; open connections stay open.
	 */
	void stopAccepting();

	/**
	 * Closes every connection and releases the transport's threads. Blocks until done.
	 */
	void close();

}
