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

package dev.tcpnet.registry;

/**
 * Why a connection closed. Every connection that opened closes exactly once with one of
 * these.
 *
 * @since 0.1.0
 */
public enum CloseReason {

	/** The peer said goodbye. */
	LEFT,

	/** The connection closed without a goodbye. */
	LOST,

	/** This node is stopping. */
	SHUTDOWN,

	/** The pair kept another connection. */
	DUPLICATE,

	/**
	 * The connection was refused: before its handshake completed (refused, timed out, or
	 * to itself), or later for breaking the protocol.
	 */
	REJECTED,

	/**
	 * The peer stopped reading: nothing written reached it for
	 * {@code tcpnet.heartbeat.write-timeout}, and this node closed the connection.
	 */
	STALLED

}
