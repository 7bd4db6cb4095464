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

import java.util.List;

/**
 * Receives what arrives on one {@link Connection}. Called on the connection's network
 * thread, in order: return quickly and never run application code here.
 *
 * @since 0.1.0
 */
public interface ConnectionListener {

	/**
	 * An envelope arrived.
	 * @param connection the connection
	 * @param envelope the envelope (its payload is owned by the listener)
	 */
	void received(Connection connection, Envelope envelope);

	/**
	 * Everything read from the network in one go has been passed on: the moment to hand
	 * what was received to other threads in one batch. A transport calls it after every
	 * batch of {@link #received} calls, and before {@link #goodbye}, {@link #duplicate}
	 * and {@link #closed} take effect.
	 * @param connection the connection
	 */
	default void readComplete(Connection connection) {
	}

	/**
	 * The remote's stream resumes after a sequence number: everything up to it was
	 * acknowledged or given up by the remote, and is not sent again (version 2, first on
	 * a connection).
	 * @param connection the connection
	 * @param seq the sequence number
	 */
	default void resumed(Connection connection, long seq) {
	}

	/**
	 * The remote acknowledged every envelope up to a sequence number.
	 * @param connection the connection
	 * @param seq the highest sequence number it delivered
	 */
	void acknowledged(Connection connection, long seq);

	/**
	 * A heartbeat measured the round-trip time.
	 * @param connection the connection
	 * @param nanos the round-trip time in nanoseconds
	 */
	default void roundTrip(Connection connection, long nanos) {
	}

	/**
	 * The remote node told which other peers it is connected to.
	 * @param connection the connection
	 * @param peers the peers
	 */
	default void peersTold(Connection connection, List<PeerAddress> peers) {
	}

	/**
	 * The remote node said goodbye: it is stopping. The connection closes next.
	 * @param connection the connection
	 */
	void goodbye(Connection connection);

	/**
	 * The remote node keeps another connection with this node and closes this one.
	 * @param connection the connection
	 */
	void duplicate(Connection connection);

	/**
	 * The remote stopped taking what this node writes: nothing reached it for the write
	 * timeout while bytes waited. The connection closes next ({@link #closed} follows).
	 * @param connection the connection
	 */
	default void stalled(Connection connection) {
	}

	/**
	 * The connection closed, for whatever reason. Called exactly once.
	 * @param connection the connection
	 */
	void closed(Connection connection);

}
