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
 * Published once when a peer becomes connected: its handshake completed and it is the one
 * connection kept for the pair. Published from the {@code tcpnet-events} thread.
 *
 * <p>
 * When both nodes dial each other at once, the event is published for the first
 * connection whose handshake completed. If the pair then keeps the other one (both ends
 * keep the connection dialed by the smaller node id), the switch is quiet: no further
 * event, and this event's {@link Peer#direction() direction} and
 * {@link Peer#remoteAddress() remote address} are those of the connection dropped.
 * {@code Tcpnet.peer(NodeId)}, the {@code PeerRegistry} and the {@code tcpnet} endpoint
 * always show the connection kept. (When its own dial completes, the node with the larger
 * id cannot tell whether the other is dialing too, so waiting would delay every connect.)
 *
 * @since 0.1.0
 */
public class PeerConnectedEvent extends PeerEvent {

	private final boolean reconnect;

	public PeerConnectedEvent(Object source, Peer peer) {
		this(source, peer, false);
	}

	public PeerConnectedEvent(Object source, Peer peer, boolean reconnect) {
		super(source, peer);
		this.reconnect = reconnect;
	}

	/**
	 * Returns whether the peer was lost before and tcpnet reconnected to it; messages
	 * sent meanwhile were buffered and are now delivered.
	 * @return whether this is a reconnect
	 */
	public boolean isReconnect() {
		return this.reconnect;
	}

	@Override
	public String toString() {
		return "PeerConnectedEvent[" + getPeer().nodeId() + " " + getPeer().remoteAddress()
				+ (this.reconnect ? " reconnect]" : "]");
	}

}
