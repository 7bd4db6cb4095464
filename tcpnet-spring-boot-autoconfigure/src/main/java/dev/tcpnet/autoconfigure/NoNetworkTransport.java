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

package dev.tcpnet.autoconfigure;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Transport;
import dev.tcpnet.transport.TransportListener;

/**
 * The transport of a stand-alone node ({@code tcpnet.enabled=false}): it opens no socket
 * and reaches nobody. Binding "succeeds" on loopback port 0, so the real {@code Mesh}
 * runs on top of it and answers exactly as a node without peers does.
 */
final class NoNetworkTransport implements Transport {

	@Override
	public InetSocketAddress bind(InetSocketAddress address, TransportListener listener) {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
	}

	@Override
	public CompletableFuture<Connection> dial(InetSocketAddress address) {
		return CompletableFuture
			.failedFuture(new IllegalStateException("tcpnet is disabled (tcpnet.enabled=false): no network"));
	}

	@Override
	public void stopAccepting() {
	}

	@Override
	public void close() {
	}

}
