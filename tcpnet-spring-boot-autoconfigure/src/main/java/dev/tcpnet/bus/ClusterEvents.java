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

import java.util.Optional;

import org.springframework.context.ApplicationEvent;

import dev.tcpnet.peer.NodeId;

/**
 * Helpers for listeners of {@link ClusterEvent}s, and the topic they travel on.
 *
 * @since 0.1.0
 */
public final class ClusterEvents {

	/**
	 * The reserved topic cluster events travel on. Its payload is the event's type name,
	 * a line feed, then the event converted by the
	 * {@link dev.tcpnet.convert.TcpnetPayloadConverter}.
	 */
	public static final String TOPIC = "tcpnet.event";

	private ClusterEvents() {
	}

	/**
	 * Returns whether an event was received from a peer rather than published here.
	 * @param event the event, as an {@code @EventListener} method can take it (for
	 * example a {@code PayloadApplicationEvent<MyEvent>})
	 * @return whether it came from a peer
	 */
	public static boolean isRemote(ApplicationEvent event) {
		return event.getSource() instanceof ClusterEventSource;
	}

	/**
	 * Returns the node an event was received from.
	 * @param event the event
	 * @return the origin's node id, or empty for an event published on this node
	 */
	public static Optional<NodeId> origin(ApplicationEvent event) {
		return (event.getSource() instanceof ClusterEventSource source) ? Optional.of(source.nodeId())
				: Optional.empty();
	}

}
