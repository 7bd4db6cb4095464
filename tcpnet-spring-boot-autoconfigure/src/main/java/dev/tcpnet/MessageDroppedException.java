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

package dev.tcpnet;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.peer.NodeId;

/**
 * A message will never be delivered; the {@link MessageDroppedEvent} says the same to the
 * application's listeners.
 *
 * @since 0.1.0
 */
public class MessageDroppedException extends RuntimeException {

	private final NodeId nodeId;

	private final MessageDroppedEvent.Reason reason;

	public MessageDroppedException(NodeId nodeId, MessageDroppedEvent.Reason reason) {
		super("Message to " + nodeId + " dropped: " + reason.description());
		this.nodeId = nodeId;
		this.reason = reason;
	}

	/**
	 * Returns the peer the message was for.
	 * @return the node id
	 */
	public NodeId getNodeId() {
		return this.nodeId;
	}

	/**
	 * Returns why the message was dropped.
	 * @return the reason
	 */
	public MessageDroppedEvent.Reason getReason() {
		return this.reason;
	}

}
