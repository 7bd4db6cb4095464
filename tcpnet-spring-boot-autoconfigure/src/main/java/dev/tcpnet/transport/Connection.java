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
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.tcpnet.peer.Direction;

/**
 * A connection to another node whose handshake is complete.
 *
 * @since 0.1.0
 */
public interface Connection {

	/**
	 * Returns what the remote node said about itself in the handshake.
	 * @return the remote node's handshake
	 */
	Handshake remote();

	/**
	 * Returns what the connection runs on: {@code tcp}, or {@code unix} for a Unix-domain
	 * socket between two nodes of one host.
	 * @return the transport's name
	 */
	default String transport() {
		return "tcp";
	}

	/**
	 * Returns which side dialed.
	 * @return the direction
	 */
	Direction direction();

	/**
	 * Returns the remote end of the socket.
	 * @return the remote address
	 */
	InetSocketAddress remoteAddress();

	/**
	 * Returns the dialer's random id for this connection. Both ends know it, so both can
	 * apply the same rule to choose between two connections dialed by the same node.
	 * @return the connection id
	 */
	long connectionId();

	/**
	 * Returns the protocol version the pair speaks on this connection
	 * ({@link TcpnetProtocol#negotiatedVersion}).
	 * @return the version
	 */
	int protocolVersion();

	/**
	 * Returns how long nothing has been read from this connection: the remote sends at
	 * least a heartbeat every {@code tcpnet.heartbeat.interval}, so a live peer's silence
	 * stays below it.
	 * @return the silence in nanoseconds
	 */
	long silentNanos();

	/**
	 * Returns the bytes queued for this connection's socket and not written yet.
	 * @return the bytes, 0 when the transport does not know
	 */
	default long queuedBytes() {
		return 0;
	}

	/**
	 * Sets where this connection's frames go from now on.
	 * @param listener the listener
	 */
	void listen(ConnectionListener listener);

	/**
	 * Writes an envelope. Nothing reports the write itself: delivery is confirmed by the
	 * peer's acknowledgement, and an envelope lost with a connection is sent again on the
	 * next.
	 * @param envelope the envelope
	 */
	void send(Envelope envelope);

	/**
	 * Writes a message without headers or correlation id, as {@link #send} writes its
	 * envelope. A transport that can write one without making an {@link Envelope} (a
	 * stream's messages come this way, one per call) overrides this.
	 * @param seq the message's sequence number
	 * @param topic its topic
	 * @param payload its payload
	 */
	default void sendMessage(long seq, String topic, byte[] payload) {
		send(new Envelope(seq, Envelope.Kind.MESSAGE, 0, topic, payload));
	}

	/**
	 * States where this side's stream to the remote resumes: every envelope up to
	 * {@code seq} was acknowledged or given up. Sent first on a connection, before the
	 * envelopes sent again (version 2; a version 1 connection ignores it).
	 * @param seq the highest sequence number the remote will not be sent again
	 */
	void resume(long seq);

	/**
	 * Acknowledges every envelope received up to a sequence number.
	 * @param seq the highest sequence number delivered
	 */
	void acknowledge(long seq);

	/**
	 * Stops or resumes reading from the connection. While paused, TCP flow control slows
	 * the sender down, and the heartbeat does not count the silence against the peer.
	 * @param paused whether to stop reading
	 */
	void pauseReading(boolean paused);

	/**
	 * Tells the remote node which other peers this node is connected to.
	 * @param peers the peers
	 */
	void tellPeers(List<PeerAddress> peers);

	/**
	 * Says goodbye and closes the connection once the goodbye has been written and the
	 * remote has closed its end (or after a short linger).
	 * @return a future that completes when the connection is closed
	 */
	CompletableFuture<Void> goodbye();

	/**
	 * Tells the remote node this connection lost the choice between two connections of
	 * the pair, and closes it.
	 */
	void closeAsDuplicate();

	/**
	 * Closes the connection without a goodbye.
	 */
	void close();

	/**
	 * Closes the connection because the remote broke the protocol after the handshake (an
	 * acknowledgement of envelopes never sent, a sequence number that skips ahead): the
	 * remote is told why, one line is logged, and the close is counted as rejected.
	 * @param reason what it did, in words
	 */
	void closeForViolation(String reason);

}
