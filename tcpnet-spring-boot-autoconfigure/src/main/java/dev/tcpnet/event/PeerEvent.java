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

import org.springframework.context.ApplicationEvent;

import dev.tcpnet.peer.Peer;

/**
 * Base class of the events about one peer. Every peer event is published from the single
 * {@code tcpnet-events} thread, in the order the transitions happened, so a peer's
 * {@link PeerConnectedEvent} always precedes its messages and its
 * {@link PeerDisconnectedEvent}. Never from a network thread: listeners may block, but a
 * slow listener delays every later tcpnet event.
 *
 * @since 0.1.0
 */
public abstract class PeerEvent extends ApplicationEvent {

	private final Peer peer;

	protected PeerEvent(Object source, Peer peer) {
		super(source);
		this.peer = peer;
	}

	/**
	 * Returns the peer this event is about, as it was when the event happened.
	 * @return the peer snapshot
	 */
	public Peer getPeer() {
		return this.peer;
	}

}
