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

package dev.tcpnet.peer;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The identity of a node. Peers are identified by node id (from the handshake and the
 * mDNS TXT record), never by host name or mDNS instance name.
 *
 * <p>
 * Node ids are ordered so that both ends of a pair can apply the same deterministic rule
 * when they must choose between two connections.
 *
 * @param value the id: 1 to 64 characters out of {@code [A-Za-z0-9._-]}
 */
public record NodeId(String value) implements Comparable<NodeId> {

	/** The longest id accepted. */
	public static final int MAX_LENGTH = 64;

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * Creates a node id, checking its form.
	 * @param value the id
	 * @throws IllegalArgumentException if the id is empty, too long or has other
	 * characters
	 */
	public NodeId {
		if (!VALID.matcher(value).matches()) {
			throw new IllegalArgumentException(
					"Node id must be 1 to " + MAX_LENGTH + " characters of [A-Za-z0-9._-] but was '" + value + "'");
		}
	}

	/**
	 * Returns the node id for the given text.
	 * @param value the id
	 * @return the node id
	 */
	public static NodeId of(String value) {
		return new NodeId(value);
	}

	/**
	 * Returns a new random 128-bit node id in lower-case hex.
	 * @return a random node id
	 */
	public static NodeId random() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return new NodeId(HexFormat.of().formatHex(bytes));
	}

	/**
	 * Returns the first eight characters, for log lines and instance names.
	 * @return the short form of this id
	 */
	public String shortForm() {
		return (this.value.length() <= 8) ? this.value : this.value.substring(0, 8);
	}

	@Override
	public int compareTo(NodeId other) {
		return this.value.compareTo(other.value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
