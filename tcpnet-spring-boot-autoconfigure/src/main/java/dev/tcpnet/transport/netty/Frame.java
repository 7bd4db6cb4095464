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

import java.util.List;
import java.util.Map;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.PeerAddress;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * The frames of the wire protocol, decoded.
 */
sealed interface Frame {

	/**
	 * The handshake: who the sender is. {@code nonce} is the dialer's id for the
	 * connection; {@code challenge} is fresh random bytes the other side's proof must
	 * cover.
	 *
	 * @param cluster the sender's cluster name
	 * @param nodeId the sender's node id
	 * @param incarnation the sender's incarnation
	 * @param listenPort the sender's tcpnet port
	 * @param nonce the dialer's id for the connection
	 * @param flags the sender's flags: whether it requires the shared secret, and its
	 * highest protocol version
	 * @param challenge random bytes that the other side's proof covers
	 */
	record Hello(String cluster, NodeId nodeId, long incarnation, int listenPort, long nonce, int flags,
			byte[] challenge) implements Frame {

		boolean requiresSecret() {
			return (this.flags & TcpnetProtocol.FLAG_SECRET) != 0;
		}

		/** The version the pair speaks: the highest both sides speak. */
		int negotiatedVersion() {
			return TcpnetProtocol.negotiatedVersion(this.flags);
		}

	}

	/**
	 * Proof that the sender knows the shared secret.
	 *
	 * @param proof the proof, as {@link dev.tcpnet.transport.SharedSecret} computes it
	 */
	record Auth(byte[] proof) implements Frame {
	}

	/**
	 * The sender refuses the connection.
	 *
	 * @param reason why, as a code
	 * @param message why, for people
	 */
	record Reject(RejectReason reason, String message) implements Frame {
	}

	/**
	 * An application envelope.
	 *
	 * @param envelope the envelope
	 */
	record Data(Envelope envelope) implements Frame {
	}

	/**
	 * Every envelope up to {@code seq} was delivered.
	 *
	 * @param seq the highest sequence number delivered
	 */
	record Ack(long seq) implements Frame {
	}

	/**
	 * The sender's other peers.
	 *
	 * @param peers the other peers' addresses
	 */
	record Peers(List<PeerAddress> peers) implements Frame {
	}

	/**
	 * Heartbeat.
	 *
	 * @param nanos the sender's clock when it sent the ping
	 */
	record Ping(long nanos) implements Frame {
	}

	/**
	 * Heartbeat answer.
	 *
	 * @param nanos the ping's {@code nanos}, returned
	 */
	record Pong(long nanos) implements Frame {
	}

	/** The sender is stopping. */
	record Goodbye() implements Frame {
	}

	/**
	 * The sender keeps another connection of the pair and closes this one (version 1).
	 */
	record Duplicate() implements Frame {
	}

	/**
	 * The follower would keep this connection and waits for the leader's verdict (version
	 * 2).
	 *
	 * @param attributes what the follower says about itself
	 */
	record Ready(Map<String, String> attributes) implements Frame {
	}

	/**
	 * The leader's verdict: the pair keeps this connection (version 2).
	 *
	 * @param attributes what the leader says about itself
	 */
	record Welcome(Map<String, String> attributes) implements Frame {
	}

	/**
	 * The sender's stream resumes after {@code seq} (version 2).
	 *
	 * @param seq everything up to it was acknowledged or given up by the sender
	 */
	record Resume(long seq) implements Frame {
	}

}
