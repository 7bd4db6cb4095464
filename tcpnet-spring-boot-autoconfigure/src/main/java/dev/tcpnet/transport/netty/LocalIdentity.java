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

import java.util.Map;
import java.util.function.Supplier;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * What this node says about itself in every handshake. The listen port is set once bound.
 */
final class LocalIdentity {

	private final String cluster;

	private final NodeId nodeId;

	private final long incarnation;

	private volatile int listenPort;

	private volatile Supplier<Map<String, String>> attributes = Map::of;

	LocalIdentity(String cluster, NodeId nodeId, long incarnation) {
		this.cluster = cluster;
		this.nodeId = nodeId;
		this.incarnation = incarnation;
	}

	String cluster() {
		return this.cluster;
	}

	NodeId nodeId() {
		return this.nodeId;
	}

	/**
	 * What this node says about itself in its READY or WELCOME frame, read at each
	 * handshake.
	 */
	Map<String, String> attributes() {
		return this.attributes.get();
	}

	void attributes(Supplier<Map<String, String>> attributes) {
		this.attributes = attributes;
	}

	long incarnation() {
		return this.incarnation;
	}

	void listenPort(int port) {
		this.listenPort = port;
	}

	Frame.Hello hello(long nonce, boolean requiresSecret, byte[] challenge) {
		return new Frame.Hello(this.cluster, this.nodeId, this.incarnation, this.listenPort, nonce,
				TcpnetProtocol.versionFlags() | (requiresSecret ? TcpnetProtocol.FLAG_SECRET : 0), challenge);
	}

}
