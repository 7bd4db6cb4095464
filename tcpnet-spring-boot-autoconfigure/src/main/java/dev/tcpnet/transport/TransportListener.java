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

import java.net.SocketAddress;

import dev.tcpnet.peer.Direction;

/**
 * Receives what a {@link Transport} reports. Methods are called on network threads: they
 * must return quickly and never run application code.
 *
 * @since 0.1.0
 */
public interface TransportListener {

	/**
	 * Decides whether a connection whose handshake checks passed (cluster, identity,
	 * secret) may become its pair's connection. On version 2 connections it is asked of
	 * the follower before it says it is ready, and of the leader before its verdict (see
	 * {@link TcpnetProtocol}); the leader's answer is final and must hold the pair's
	 * place for the candidate until {@link #connected} or {@link #abandoned}. Version 1
	 * connections are admitted without asking. The candidate cannot send yet.
	 * @param candidate the connection
	 * @return the admission
	 */
	default Admission admit(Connection candidate) {
		return Admission.admitted();
	}

	/**
	 * Called when a connection that {@link #admit} admitted closes before it completes
	 * (the leader refused it, or it failed): whatever its admission held is released.
	 * @param candidate the connection
	 */
	default void abandoned(Connection candidate) {
	}

	/**
	 * Called once per connection whose handshake completed. Frames that follow are
	 * delivered to the {@link ConnectionListener} set in this call, so set it here.
	 * @param connection the connection
	 */
	void connected(Connection connection);

	/**
	 * Called when a connection is established, before its handshake.
	 * @param remote the remote address
	 * @param direction which side dialed
	 * @param transport what the connection runs on: {@code tcp}, or {@code unix} for a
	 * Unix-domain socket (as {@link Connection#transport()})
	 */
	default void opened(SocketAddress remote, Direction direction, String transport) {
	}

	/**
	 * Called when this node refuses a connection's handshake.
	 * @param remote the remote address
	 * @param reason why
	 */
	default void rejected(SocketAddress remote, RejectReason reason) {
	}

	/**
	 * Called when a connection closes before its handshake completed, for whatever
	 * reason.
	 * @param remote the remote address
	 * @param duplicate whether it closed because the pair keeps another connection (the
	 * leader's verdict, version 2): not a failure
	 * @param transport what the connection ran on: {@code tcp}, or {@code unix} for a
	 * Unix-domain socket (as {@link Connection#transport()})
	 */
	default void closedBeforeHandshake(SocketAddress remote, boolean duplicate, String transport) {
	}

}
