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
 * Why a connection was refused before or during its handshake. Codes travel in reject
 * frames and are append-only.
 *
 * @since 0.1.0
 */
public enum RejectReason {

	/** The first bytes were not the tcpnet magic: not a tcpnet node. */
	MAGIC(1),

	/** The protocol version is not one this node speaks. */
	VERSION(2),

	/** The node belongs to another cluster. */
	CLUSTER(3),

	/** Authentication failed. */
	AUTH(4),

	/** The handshake did not complete in time. */
	TIMEOUT(5),

	/** A limit was reached (connections, frame size). */
	LIMIT(6),

	/** The frames broke the protocol (malformed, unexpected or unknown frame). */
	PROTOCOL(7),

	/** The node is stopping. */
	SHUTDOWN(8),

	/**
	 * The pair keeps another connection (version 2: the leader's verdict). Not a failure:
	 * the kept connection is the one both sides report.
	 */
	DUPLICATE(9),

	/**
	 * Another live node uses the same node id: the established one is kept, the newcomer
	 * refused (a copied {@code tcpnet.node-id}).
	 */
	CONFLICT(10),

	/**
	 * The node is an older incarnation than one already seen: a newer incarnation always
	 * wins.
	 */
	STALE(11);

	private final int code;

	RejectReason(int code) {
		this.code = code;
	}

	/**
	 * Returns the code that travels on the wire.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Returns the reason for a wire code.
	 * @param code the code
	 * @return the reason, {@link #PROTOCOL} for codes this version does not know
	 */
	public static RejectReason ofCode(int code) {
		for (RejectReason reason : values()) {
			if (reason.code == code) {
				return reason;
			}
		}
		return PROTOCOL;
	}

}
