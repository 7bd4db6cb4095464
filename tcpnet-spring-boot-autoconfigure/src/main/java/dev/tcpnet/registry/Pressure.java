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

import org.jspecify.annotations.Nullable;

import dev.tcpnet.peer.NodeId;

/**
 * What waits in this node's buffers, all peers together: the signs of pressure before it
 * hurts.
 *
 * @param bufferedMessages messages sent and not acknowledged yet
 * @param bufferedBytes payload bytes of those
 * @param outboundBytes bytes queued for the sockets
 * @param pendingEvents events waiting for the application's listeners
 * @param pendingBytes payload bytes of received messages waiting for the listeners
 * @param pausedReads connections not read from while the application catches up
 */
public record Pressure(long bufferedMessages, long bufferedBytes, long outboundBytes, long pendingEvents,
		long pendingBytes, int pausedReads) {

	/**
	 * Where the registry reads what the mesh and the transport hold.
	 */
	public interface Source {

		/** Nothing is buffered. */
		Source NONE = new Source() {
		};

		/**
		 * Returns the messages not acknowledged yet.
		 * @return the count, all peers together
		 */
		default long bufferedMessages() {
			return 0;
		}

		/**
		 * Returns the payload bytes not acknowledged yet.
		 * @return the bytes, all peers together
		 */
		default long bufferedBytes() {
			return 0;
		}

		/**
		 * Returns the bytes queued for the sockets.
		 * @return the bytes
		 */
		default long outboundBytes() {
			return 0;
		}

		/**
		 * Returns how many connections are paused for reading.
		 * @return the count
		 */
		default int pausedReads() {
			return 0;
		}

		/**
		 * Returns one peer's buffers.
		 * @param nodeId the peer
		 * @return its buffers, or {@code null} when it is not known
		 */
		default @Nullable PeerPressure of(NodeId nodeId) {
			return null;
		}

	}

}
