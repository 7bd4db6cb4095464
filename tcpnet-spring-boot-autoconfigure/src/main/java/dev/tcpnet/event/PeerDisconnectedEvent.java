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

package dev.tcpnet.event;

import dev.tcpnet.peer.Peer;

/**
 * Published once when a connected peer is no longer connected. Published from the
 * {@code tcpnet-events} thread, always after the peer's {@link PeerConnectedEvent}.
 *
 * @since 0.1.0
 */
public class PeerDisconnectedEvent extends PeerEvent {

	private final Reason reason;

	public PeerDisconnectedEvent(Object source, Peer peer, Reason reason) {
		super(source, peer);
		this.reason = reason;
	}

	/**
	 * Returns why the peer is no longer connected.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "PeerDisconnectedEvent[" + getPeer().nodeId() + " " + this.reason + "]";
	}

	/**
	 * Why a peer is no longer connected.
	 */
	public enum Reason {

		/** The peer said goodbye: it is stopping. */
		LEFT,

		/**
		 * The connection closed without a goodbye, or the peer went silent for the
		 * heartbeat timeout. tcpnet reconnects and keeps buffering messages for it.
		 */
		LOST,

		/** This node is stopping. */
		SHUTDOWN

	}

}
