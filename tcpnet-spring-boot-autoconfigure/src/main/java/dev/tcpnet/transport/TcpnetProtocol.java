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

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names the wire protocol's codes and limits in one place.
 *
 * <p>
 * A connection starts with a preface from each side: the four magic bytes {@code TCPN}
 * and one byte, the <em>lowest</em> protocol version the sender speaks
 * ({@value #MIN_VERSION}). Frames follow: a four-byte length (of what follows it), a
 * one-byte frame type and the body. Frame types and reject reasons are append-only; a
 * node that receives a type it does not know closes the connection. The reject frame's
 * layout never changes, so that nodes of different versions can tell each other why they
 * part.
 *
 * <h2>Versions and rolling upgrades</h2> Each side's hello states the highest version it
 * speaks in the high four bits of its flags byte (0 there means version 1, which is what
 * version 1 nodes send; they ignore those bits). The pair speaks the highest version both
 * speak: {@code min(local highest, remote highest)}, and each side knows it as soon as it
 * has read the other's hello, without a further round trip. A node refuses a preface
 * whose version is above its own highest with a {@link RejectReason#VERSION} reject
 * frame, which every version can read, naming both versions. The rule for a rolling
 * upgrade: a release speaks its own version and the ones before it that it still supports
 * (this one: 1 to 3); upgrade one node at a time, and drop support for a version only in
 * a release after every node speaks the next one. A pair of old and new nodes speaks the
 * old version and only loses what the new version adds.
 *
 * <h2>What each version adds</h2>
 * <ol>
 * <li>Version 1: hellos, proofs, envelopes, acknowledgements, heartbeats, peer
 * exchange.</li>
 * <li>Version 2: the leader's verdict in the handshake ({@link #READY}, {@link #WELCOME},
 * with attributes) and {@link #RESUME}; strict sequence checks.</li>
 * <li>Version 3: envelope headers: the kind byte's bit {@link #ENVELOPE_HEADERS} says a
 * header block follows the topic (a two-byte length, a count, and per header a one-byte
 * name length, the name, a two-byte value length and the value; at most 16 headers and
 * 4096 bytes, checked on receipt before anything is allocated). Nothing else changes: an
 * envelope without headers is the same bytes as in versions 1 and 2, so headers cost
 * nothing when absent. A version 2 receiver would take the bit for an unknown kind and
 * close the connection, which is why headers needed a version: a node never sets the bit
 * on a pair that negotiated less than 3, it sends the envelope without its headers, and
 * it treats the bit from such a peer as a protocol violation.</li>
 * </ol>
 *
 * <h2>The handshake</h2> Both sides send their preface and hello at once. Each checks the
 * other's cluster, node id and (with a shared secret) proof. From version 2, the pair
 * then agrees on the connection in the handshake itself, so that a connection that will
 * not be kept never completes and is never reported to the application:
 * <ol>
 * <li>Of the two nodes, the one with the smaller node id is the pair's <em>leader</em>;
 * it alone decides which connection the pair keeps, whoever dialed it.</li>
 * <li>The follower, once its checks pass and it would keep a connection to the leader
 * (room under {@code max-peers}, no other live node with the leader's id), sends
 * {@link #READY}.</li>
 * <li>The leader, on {@link #READY} and its own checks, sends {@link #WELCOME} if it has
 * no other connection of the pair that is established or being welcomed, and completes
 * the handshake; otherwise it sends a {@link RejectReason#DUPLICATE} reject frame and
 * closes. The first connection to reach the leader's decision wins; an established
 * connection is never replaced by another of the same two incarnations.</li>
 * <li>The follower completes the handshake on {@link #WELCOME}.</li>
 * </ol>
 * Frames before the handshake completes are at most {@value #MAX_HANDSHAKE_FRAME_SIZE}
 * bytes long; {@code max-frame-size} applies from then on. A version 1 pair completes
 * when the hellos (and proofs) check out, and both sides close the second of two
 * connections afterwards by {@code ConnectionRank}, as version 1 did.
 *
 * <h2>Streams</h2> Every envelope a node sends a peer is numbered from 1, per pair of
 * incarnations, and kept until the peer acknowledges it ({@link #ACK}, cumulative). On
 * every new connection the sender first states where its stream resumes ({@link #RESUME}:
 * everything up to that number is acknowledged or given up), then sends again, in order,
 * every envelope not acknowledged. From version 2 the receiver requires each envelope to
 * be the next number or one it has already delivered (a repeat, skipped), and an
 * acknowledgement never to exceed the highest number sent; anything else closes the
 * connection as a protocol violation.
 *
 * <h2>Attributes and node metadata</h2> The attributes of {@link #READY} and
 * {@link #WELCOME} carry the node's metadata ({@code tcpnet.metadata.*}) with its keys as
 * the user wrote them, and tcpnet's own attributes under keys that start with
 * {@value #RESERVED_ATTRIBUTE_PREFIX}, which metadata keys may not. The metadata takes at
 * most {@value #MAX_METADATA_BYTES} of the {@value #MAX_ATTRIBUTES_BYTES} bytes, so that
 * tcpnet's own attributes always fit beside it. A peer's metadata is its attributes
 * without the reserved ones ({@link #metadataOf(Map)}).
 *
 * <h2>Same-host peers</h2> A node that accepts Unix-domain connections states two
 * attributes: {@value #HOST_ATTRIBUTE}, its host identity, and
 * {@value #UNIX_SOCKET_ATTRIBUTE}, the absolute path of its socket file. The host
 * identity is the first 16 bytes, in lower-case hex, of the SHA-256 of, each followed by
 * a line feed except the last: the kernel's boot id
 * ({@code /proc/sys/kernel/random/boot_id}, empty where there is none), the digits of the
 * target of {@code /proc/self/ns/net} (the network namespace; empty where there is none),
 * and the socket directory's {@code device:inode}. Two machines differ in their boot id;
 * two containers of one machine in their network namespace or in the directory they see
 * (each its own {@code /tmp} is another device and inode). The mount namespace is not
 * part of it: processes in different mount namespaces that see the same directory reach
 * each other's files ({@code ip netns exec} gives every process its own). A dialer whose
 * own host identity is the same remembers the path for the node's listen port and dials
 * it instead of TCP when it next dials that port on an address of its own host; with no
 * path learned it tries the file named {@code <port>-<network namespace digits>.sock}
 * ({@code <port>.sock} where there is no namespace) in its own socket directory. The
 * handshake on the Unix-domain socket is the same as on TCP (TLS, secret, identity); the
 * dialer also requires the remote's listen port to be the one it dialed for, and on any
 * failure dials TCP.
 * <p>
 * The mDNS service of such a node carries the same two values in its TXT record, under
 * the same keys: {@code tcpnet.host=<host identity>} and
 * {@code tcpnet.unix-socket=<absolute path>}, both or neither, each string at most the
 * 255 bytes of a TXT string (a longer path is not advertised). A dialer that discovered a
 * node with them, at an address of its own host, dials TCP alone when the host identity
 * is not its own (no Unix-domain attempt), and dials the file first when it is its own
 * and the file is in its own socket directory (which the identity covers), whatever
 * address of the host was advertised. Other files, and nodes discovered without them, are
 * dialed as above. A record is a hint like the rest of discovery: the checks of the
 * handshake and the fallback to TCP apply as to any Unix-domain dial.
 *
 * @since 0.1.0
 */
public final class TcpnetProtocol {

	/** The highest protocol version this node speaks. */
	public static final int VERSION = 3;

	/** The lowest protocol version this node speaks: the version of its preface. */
	public static final int MIN_VERSION = 1;

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

	/**
	 * The largest frame accepted before the handshake completes: a hello, a proof, a
	 * reject or a verdict always fits. Larger frames from a peer not admitted yet close
	 * the connection before anything of them is buffered, whatever {@code max-frame-size}
	 * is.
	 */
	public static final int MAX_HANDSHAKE_FRAME_SIZE = 4096;

	/** The longest reason text a reject frame carries, in bytes of UTF-8. */
	public static final int MAX_REJECT_MESSAGE_BYTES = 512;

	/**
	 * The most bytes the attributes of a {@link #READY} or {@link #WELCOME} frame take
	 * (version 2): a count, then each key and value as a 16-bit length and UTF-8 bytes.
	 * Keys are 1 to {@value #MAX_ATTRIBUTE_KEY_BYTES} bytes; unknown keys are kept and
	 * ignored, so that a release can add attributes without a new version.
	 */
	public static final int MAX_ATTRIBUTES_BYTES = 2048;

	/** The longest attribute key, in bytes of UTF-8. */
	public static final int MAX_ATTRIBUTE_KEY_BYTES = 64;

	/**
	 * How the keys of tcpnet's own handshake attributes start; metadata keys never do.
	 */
	public static final String RESERVED_ATTRIBUTE_PREFIX = "tcpnet.";

	/** The attribute that states a node's host identity (see "Same-host peers"). */
	public static final String HOST_ATTRIBUTE = "tcpnet.host";

	/** The attribute that states the path of a node's Unix-domain socket file. */
	public static final String UNIX_SOCKET_ATTRIBUTE = "tcpnet.unix-socket";

	/**
	 * The most bytes a node's metadata takes in the attributes, encoded as they are (see
	 * {@link #attributesSize(Map)}): the rest of {@link #MAX_ATTRIBUTES_BYTES} is kept
	 * for tcpnet's own attributes.
	 */
	public static final int MAX_METADATA_BYTES = MAX_ATTRIBUTES_BYTES - 256;

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

	/**
	 * Frame type: the sender is stopping. It is the sender's last frame: the sender then
	 * shuts its output down and discards what it reads until the receiver closes.
	 */
	public static final byte GOODBYE = 4;

	/**
	 * Frame type: the sender keeps another connection of the pair and closes this one;
	 * its last frame on it, followed as {@link #GOODBYE} is.
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

	/**
	 * Frame type (version 2): the follower of the pair would keep this connection and
	 * waits for the leader's verdict.
	 */
	public static final byte READY = 11;

	/**
	 * Frame type (version 2): the leader's verdict: the pair keeps this connection;
	 * carries the leader's attributes.
	 */
	public static final byte WELCOME = 12;

	/**
	 * Frame type (version 2): the sender's stream resumes after this sequence number;
	 * sent first on every connection.
	 */
	public static final byte RESUME = 13;

	/**
	 * Envelope kind bit (version 3): headers follow the topic. Never set towards a peer
	 * of an older version, whose receivers take it for an unknown kind.
	 */
	public static final int ENVELOPE_HEADERS = 0x80;

	/** The first version whose envelopes carry headers. */
	public static final int HEADERS_VERSION = 3;

	/** Hello flag: the sender requires the shared-secret proof. */
	public static final int FLAG_SECRET = 1;

	/** Hello flags: the bits that hold the highest version the sender speaks. */
	public static final int FLAGS_VERSION_SHIFT = 4;

	/**
	 * Returns the version a pair speaks.
	 * @param remoteFlags the flags of the remote's hello
	 * @return the highest version both sides speak
	 */
	public static int negotiatedVersion(int remoteFlags) {
		int remoteHighest = Math.max(MIN_VERSION, (remoteFlags & 0xFF) >>> FLAGS_VERSION_SHIFT);
		return Math.min(VERSION, remoteHighest);
	}

	/**
	 * Returns the hello flags that state this node's highest version.
	 * @return the flags
	 */
	public static int versionFlags() {
		return VERSION << FLAGS_VERSION_SHIFT;
	}

	/**
	 * Returns how many bytes attributes take on the wire: a 16-bit count, then each key
	 * and value as a 16-bit length and UTF-8 bytes.
	 * @param attributes the attributes
	 * @return the encoded size in bytes
	 */
	public static int attributesSize(Map<String, String> attributes) {
		int size = 2;
		for (Map.Entry<String, String> entry : attributes.entrySet()) {
			size += 4 + utf8Length(entry.getKey()) + utf8Length(entry.getValue());
		}
		return size;
	}

	/**
	 * Returns the length of a text in bytes of UTF-8.
	 * @param text the text
	 * @return its UTF-8 length
	 */
	public static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * Returns a node's metadata: its attributes without tcpnet's own.
	 * @param attributes the attributes the node stated in its handshake
	 * @return the metadata, in the order stated
	 */
	public static Map<String, String> metadataOf(Map<String, String> attributes) {
		Map<String, String> metadata = new LinkedHashMap<>();
		attributes.forEach((key, value) -> {
			if (!key.startsWith(RESERVED_ATTRIBUTE_PREFIX)) {
				metadata.put(key, value);
			}
		});
		return metadata;
	}

	private TcpnetProtocol() {
	}

}
