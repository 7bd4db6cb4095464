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

package dev.tcpnet.messaging;

import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.TopicListener;
import dev.tcpnet.convert.TcpnetPayloadConverter;
import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.DefaultPeerRegistry;

/**
 * A {@code @TcpnetListener} method on one of its topics, as the registry dispatches a
 * {@link TopicListener}: converts the payload, checks the condition, calls the method.
 */
final class AnnotatedTopicListener implements TopicListener {

	private static final Logger logger = LoggerFactory.getLogger(AnnotatedTopicListener.class);

	private static final long WARN_INTERVAL_NANOS = 1_000_000_000L;

	private final String topic;

	private final ListenerMethod method;

	private final @Nullable ListenerCondition condition;

	private final TcpnetPayloadConverter converter;

	private final DefaultPeerRegistry registry;

	private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

	AnnotatedTopicListener(String topic, ListenerMethod method, @Nullable ListenerCondition condition,
			TcpnetPayloadConverter converter, DefaultPeerRegistry registry) {
		this.topic = topic;
		this.method = method;
		this.condition = condition;
		this.converter = converter;
		this.registry = registry;
	}

	@Override
	public String topic() {
		return this.topic;
	}

	@Override
	public void onMessage(Peer from, byte[] payload) throws Exception {
		onMessage(from, payload, Headers.EMPTY);
	}

	@Override
	public void onMessage(Peer from, byte[] payload, Headers headers) throws Exception {
		Type type = this.method.payloadType();
		Object value = null;
		if (type != null) {
			try {
				value = this.converter.fromPayload(payload, type);
			}
			catch (RuntimeException ex) {
				conversionFailed(from, type, ex);
				return;
			}
		}
		Inbound inbound = new Inbound(from, this.topic, value, headers);
		if (this.condition == null || this.condition.matches(inbound)) {
			this.method.invoke(inbound);
		}
	}

	/**
	 * Counts the drop, and logs it at most once a second: a peer that sends one bad
	 * payload in a loop must not flood the log (the counter counts every one).
	 */
	private void conversionFailed(Peer from, Type type, RuntimeException ex) {
		this.registry.messageDropped(from.nodeId(), this.topic, MessageDroppedEvent.Reason.CONVERSION);
		long now = System.nanoTime();
		long last = this.lastWarned.get();
		if (now - last >= WARN_INTERVAL_NANOS && this.lastWarned.compareAndSet(last, now)) {
			logger.warn("Dropped a message on topic '{}' from peer {} for {}: cannot convert it to {}: {}", this.topic,
					from.nodeId(), this.method, type.getTypeName(), ex.getMessage());
		}
		else {
			logger.debug("Dropped a message on topic '{}' from peer {} for {}: cannot convert it to {}", this.topic,
					from.nodeId(), this.method, type.getTypeName(), ex);
		}
	}

	@Override
	public String toString() {
		return "@TcpnetListener " + this.method + " on '" + this.topic + "'";
	}

}
