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

import java.util.Locale;

import org.springframework.context.ApplicationEvent;

import dev.tcpnet.peer.NodeId;

/**
 * Published when tcpnet gives up delivering messages, so that nothing is dropped
 * silently. Each sender's future fails at the same time (but for
 * {@link Reason#CONVERSION} and {@link Reason#UNKNOWN_EVENT}, which the receiver
 * reports). The first drop for a peer, topic and reason is published at once; further
 * ones within the same second are summed into one event at its end ({@link #getCount()}),
 * so that a tight loop of refused sends cannot flood the event queue (the
 * {@code tcpnet.messages.dropped} counter counts every one). Published from the
 * {@code tcpnet-events} thread.
 *
 * @since 0.1.0
 */
public class MessageDroppedEvent extends ApplicationEvent {

	private final NodeId nodeId;

	private final String topic;

	private final Reason reason;

	private final long count;

	public MessageDroppedEvent(Object source, NodeId nodeId, String topic, Reason reason) {
		this(source, nodeId, topic, reason, 1);
	}

	public MessageDroppedEvent(Object source, NodeId nodeId, String topic, Reason reason, long count) {
		super(source);
		this.nodeId = nodeId;
		this.topic = topic;
		this.reason = reason;
		this.count = count;
	}

	/**
	 * Returns the peer the message was for (for the reasons the receiver reports: from).
	 * @return the node id
	 */
	public NodeId getNodeId() {
		return this.nodeId;
	}

	/**
	 * Returns the message's topic.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

	/**
	 * Returns why it was dropped.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Returns how many messages this event reports: 1, or the drops of the same peer,
	 * topic and reason summed over a second.
	 * @return the number of messages dropped
	 */
	public long getCount() {
		return this.count;
	}

	@Override
	public String toString() {
		return "MessageDroppedEvent[" + this.nodeId + " " + this.topic + " " + this.reason + " x" + this.count + "]";
	}

	/**
	 * Why a message was dropped.
	 */
	public enum Reason {

		/**
		 * The peer's buffer held {@code tcpnet.delivery.buffer-max} unacknowledged
		 * messages, or {@code tcpnet.delivery.buffer-max-size} bytes of them.
		 */
		OVERFLOW("the buffer is full"),

		/** It waited longer than {@code tcpnet.delivery.buffer-timeout}. */
		TIMEOUT("not acknowledged within the buffer timeout"),

		/** The peer stayed unreachable past {@code tcpnet.reconnect.give-up-after}. */
		GAVE_UP("the peer stayed unreachable"),

		/** The peer left the cluster before acknowledging it. */
		LEFT("the peer left"),

		/** This node stopped before the peer acknowledged it. */
		SHUTDOWN("this node stopped"),

		/**
		 * Counted by the receiving node: the payload of a message it received could not
		 * be converted to the parameter type of a {@code @TcpnetListener} method, which
		 * was not called. The node id is the sender's; the sender's future completed
		 * normally, as the message was delivered to the node.
		 */
		CONVERSION("the payload could not be converted for a listener"),

		/**
		 * Counted by the receiving node: a cluster event (topic {@code tcpnet.event})
		 * named a type that is not on its class path or not marked {@code @ClusterEvent}
		 * there, and was not published. The node id is the sender's.
		 */
		UNKNOWN_EVENT("the cluster event's type is unknown here");

		private final String description;

		Reason(String description) {
			this.description = description;
		}

		/**
		 * Returns a short description.
		 * @return the description
		 */
		public String description() {
			return this.description;
		}

		/**
		 * Returns the metrics tag value: lower case, words joined by dashes.
		 * @return the tag value
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

}
