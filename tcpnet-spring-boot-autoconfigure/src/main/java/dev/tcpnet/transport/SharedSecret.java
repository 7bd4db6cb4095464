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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.tcpnet.peer.NodeId;

/**
 * The cluster's shared secret, and the proof a node gives of knowing it: HMAC-SHA256 over
 * a label, the cluster, the sender's and the receiver's node ids, and both fresh
 * challenges of the connection (the sender's first). A proof is good for one connection
 * only, so a captured handshake cannot be replayed, and it names its sender, so it cannot
 * be reflected back. Never printed: {@link #toString()} hides the value.
 *
 * @since 0.1.0
 */
public final class SharedSecret {

	private static final String ALGORITHM = "HmacSHA256";

	private static final byte[] LABEL = "tcpnet-auth-v1".getBytes(StandardCharsets.US_ASCII);

	private final SecretKeySpec key;

	/**
	 * Creates the secret.
	 * @param secret the secret; not empty
	 */
	public SharedSecret(String secret) {
		if (secret.isEmpty()) {
			throw new IllegalArgumentException("The shared secret must not be empty");
		}
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	/**
	 * Returns the proof a sender gives on one connection.
	 * @param cluster the cluster
	 * @param sender the node that sends the proof
	 * @param receiver the node that checks it
	 * @param senderChallenge the challenge the sender put in its hello
	 * @param receiverChallenge the challenge the receiver put in its hello
	 * @return the proof
	 */
	public byte[] proof(String cluster, NodeId sender, NodeId receiver, byte[] senderChallenge,
			byte[] receiverChallenge) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			mac.update(LABEL);
			update(mac, cluster.getBytes(StandardCharsets.UTF_8));
			update(mac, sender.value().getBytes(StandardCharsets.UTF_8));
			update(mac, receiver.value().getBytes(StandardCharsets.UTF_8));
			update(mac, senderChallenge);
			update(mac, receiverChallenge);
			return mac.doFinal();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * Checks a proof in constant time.
	 * @param proof the proof received
	 * @param expected the proof computed here
	 * @return whether they match
	 */
	public static boolean matches(byte[] proof, byte[] expected) {
		return MessageDigest.isEqual(proof, expected);
	}

	// Length-prefixed, so that fields cannot slide into each other.
	private static void update(Mac mac, byte[] field) {
		mac.update(ByteBuffer.allocate(4).putInt(field.length).array());
		mac.update(field);
	}

	@Override
	public String toString() {
		return "SharedSecret[******]";
	}

}
