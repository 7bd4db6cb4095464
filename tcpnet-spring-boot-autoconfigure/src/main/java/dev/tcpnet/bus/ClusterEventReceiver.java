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

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.ResolvableType;

import dev.tcpnet.TopicListener;
import dev.tcpnet.convert.TcpnetPayloadConverter;
import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.DefaultPeerRegistry;

/**
 * Receives the cluster events peers send and publishes each, on the registry's event
 * thread and so in the order its sender published them, as a
 * {@link PayloadApplicationEvent} whose source is a {@link ClusterEventSource}.
 */
final class ClusterEventReceiver implements TopicListener {

	private static final Logger logger = LoggerFactory.getLogger(ClusterEventReceiver.class);

	// Type names warned about once each; a peer that sends ever new names gets no more
	// warnings past this many (the counter counts every drop).
	private static final int MAX_WARNED = 256;

	private final ClusterEventTypes types;

	private final TcpnetPayloadConverter converter;

	private final ApplicationEventPublisher publisher;

	private final DefaultPeerRegistry registry;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	ClusterEventReceiver(ClusterEventTypes types, TcpnetPayloadConverter converter, ApplicationEventPublisher publisher,
			DefaultPeerRegistry registry) {
		this.types = types;
		this.converter = converter;
		this.publisher = publisher;
		this.registry = registry;
	}

	@Override
	public String topic() {
		return ClusterEvents.TOPIC;
	}

	@Override
	public void onMessage(Peer from, byte[] payload) {
		EventEnvelope envelope = EventEnvelope.decode(payload);
		if (envelope == null) {
			dropped(from, "?", MessageDroppedEvent.Reason.UNKNOWN_EVENT, "it names no event type");
			return;
		}
		Class<?> type;
		try {
			type = this.types.resolve(envelope.typeName());
		}
		catch (IllegalArgumentException ex) {
			dropped(from, envelope.typeName(), MessageDroppedEvent.Reason.UNKNOWN_EVENT, ex.getMessage());
			return;
		}
		Object event;
		try {
			event = this.converter.fromPayload(envelope.body(), type);
		}
		catch (RuntimeException ex) {
			dropped(from, type.getName(), MessageDroppedEvent.Reason.CONVERSION, ex.getMessage());
			return;
		}
		if (event == null) {
			dropped(from, type.getName(), MessageDroppedEvent.Reason.CONVERSION, "the payload is null");
			return;
		}
		publish(from, type, event);
	}

	private void publish(Peer from, Class<?> type, Object event) {
		try {
			this.publisher.publishEvent(
					new PayloadApplicationEvent<>(new ClusterEventSource(from), event, ResolvableType.forClass(type)));
		}
		catch (RuntimeException ex) {
			// As a local publisher would see it; here nobody would, so it is logged.
			logger.warn("A listener of cluster event {} from peer {} failed", type.getName(), from.nodeId(), ex);
		}
	}

	private void dropped(Peer from, String typeName, MessageDroppedEvent.Reason reason, String why) {
		this.registry.messageDropped(from.nodeId(), ClusterEvents.TOPIC, reason);
		if (this.warned.size() < MAX_WARNED && this.warned.add(reason + " " + typeName)) {
			logger.warn("Dropped a cluster event of type {} from peer {}: {}", typeName, from.nodeId(), why);
		}
		else {
			logger.debug("Dropped a cluster event of type {} from peer {}: {}", typeName, from.nodeId(), why);
		}
	}

	@Override
	public String toString() {
		return "ClusterEventReceiver";
	}

}
