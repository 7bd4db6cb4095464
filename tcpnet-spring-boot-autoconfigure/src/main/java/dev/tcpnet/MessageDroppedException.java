package dev.tcpnet;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.peer.NodeId;

/**
 * A message will never be delivered; the {@link MessageDroppedEvent} says the same to the
 * application's listeners.
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
