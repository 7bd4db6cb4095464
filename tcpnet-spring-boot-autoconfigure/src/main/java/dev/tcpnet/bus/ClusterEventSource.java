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

package dev.tcpnet.bus;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;

/**
 * The source of a {@link ClusterEvent} received from a peer: the
 * {@link org.springframework.context.PayloadApplicationEvent} a node publishes for it has
 * this as {@code getSource()}, so that a listener can tell a remote event from a local
 * one (whose source is the application context) and where it came from. tcpnet never
 * sends an event with this source on: that is what keeps events from looping.
 *
 * @param origin the peer that published the event, as it was when it arrived
 * @since 0.1.0
 */
public record ClusterEventSource(Peer origin) {

	/**
	 * Returns the node id of the peer that published the event.
	 * @return the origin's node id
	 */
	public NodeId nodeId() {
		return this.origin.nodeId();
	}

	@Override
	public String toString() {
		return "ClusterEventSource[" + this.origin.nodeId() + "]";
	}

}
