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

/**
 * Names the wire protocol's codes and limits in one place.
 *
 * <p>
 * A connection starts with a preface from each side: the four magic bytes {@code TCPN}
 * and one byte of protocol version. Frames follow: a four-byte length (of what follows
 * it), a one-byte frame type and the body. Frame types are append-only; a node that
 * receives a type it does not know closes the connection. The reject frame's layout never
 * changes, so that nodes of different versions can tell each other why they part.
 *
 * @since 0.1.0
 */
public final class TcpnetProtocol {

	/** The protocol version this node speaks. */
	public static final int VERSION = 1;

	/** The magic bytes {@code TCPN} that open every connection, as a big-endian int. */
	public static final int MAGIC = 0x5443504E;

	/** Bytes of the preface: magic and version. */
	public static final int PREFACE_LENGTH = 5;

	/** Bytes before a frame's body: length and type. */
	public static final int FRAME_HEADER_LENGTH = 5;

	/**
	 * The smallest allowed maximum frame size: the handshake (cluster, node id and
	 * numbers) must always fit.
	 */
	public static final int MIN_MAX_FRAME_SIZE = 1024;

	/** The longest cluster name, in bytes of UTF-8. */
	public static final int MAX_CLUSTER_BYTES = 255;

	/** Frame type: the handshake. */
	public static final byte HELLO = 1;

	/** Frame type: the handshake was refused; reason code and text follow. */
	public static final byte REJECT = 2;

	/**
	 * Frame type: an application envelope: sequence number, kind, correlation id, topic
	 * and payload.
	 */
	public static final byte MESSAGE = 3;

	/** Frame type: the sender is stopping. */
	public static final byte GOODBYE = 4;

	/**
	 * Frame type: the sender keeps another connection of the pair and closes this one.
	 */
	public static final byte DUPLICATE = 5;

	/** Frame type: proof that the sender knows the shared secret (HMAC-SHA256). */
	public static final byte AUTH = 6;

	/** Frame type: every envelope up to this sequence number was delivered. */
	public static final byte ACK = 7;

	/** Frame type: heartbeat; carries the sender's clock in nanoseconds. */
	public static final byte PING = 8;

	/** Frame type: heartbeat answer; echoes the ping's clock. */
	public static final byte PONG = 9;

	/** Frame type: the other peers the sender is connected to (peer exchange). */
	public static final byte PEERS = 10;

	/** The most peers one peer-exchange frame lists. */
	public static final int MAX_EXCHANGED_PEERS = 1000;

	/** Bytes of the random challenge each side puts in its hello. */
	public static final int CHALLENGE_LENGTH = 32;

	/** Hello flag: the sender requires the shared-secret proof. */
	public static final int FLAG_SECRET = 1;

	private TcpnetProtocol() {
	}

}
