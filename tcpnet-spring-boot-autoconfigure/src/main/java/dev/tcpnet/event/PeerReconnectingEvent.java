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

import java.time.Duration;

import dev.tcpnet.peer.Peer;

/**
 * Published each time tcpnet schedules another attempt to reach a lost peer. Published
 * from the {@code tcpnet-events} thread, after the peer's {@link PeerDisconnectedEvent}.
 *
 * @since 0.1.0
 */
public class PeerReconnectingEvent extends PeerEvent {

	private final int attempt;

	private final Duration delay;

	public PeerReconnectingEvent(Object source, Peer peer, int attempt, Duration delay) {
		super(source, peer);
		this.attempt = attempt;
		this.delay = delay;
	}

	/**
	 * Returns the number of the attempt to come, from 1.
	 * @return the attempt
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * Returns how long until that attempt.
	 * @return the delay
	 */
	public Duration getDelay() {
		return this.delay;
	}

	@Override
	public String toString() {
		return "PeerReconnectingEvent[" + getPeer().nodeId() + " attempt " + this.attempt + " in "
				+ this.delay.toMillis() + " ms]";
	}

}
