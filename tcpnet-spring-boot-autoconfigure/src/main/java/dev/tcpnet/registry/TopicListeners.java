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

package dev.tcpnet.registry;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.TopicListener;
import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.Peer;

/**
 * The listeners of one topic, called in turn: one failing does not keep the message from
 * the next. A topic with a single listener calls it directly, without this.
 */
final class TopicListeners implements TopicListener {

	private static final Logger logger = LoggerFactory.getLogger(TopicListeners.class);

	private static final ClassValue<Boolean> BATCHING = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			try {
				return type.getMethod("onMessages", Peer.class, List.class).getDeclaringClass() != TopicListener.class;
			}
			catch (NoSuchMethodException ex) {
				return false;
			}
		}

	};

	private final String topic;

	private final TopicListener[] listeners;

	private TopicListeners(String topic, List<TopicListener> listeners) {
		this.topic = topic;
		this.listeners = listeners.toArray(TopicListener[]::new);
	}

	/** Combines the listeners of one topic, the first's before the second's. */
	static TopicListener of(TopicListener first, TopicListener second) {
		List<TopicListener> all = new ArrayList<>();
		addTo(all, first);
		addTo(all, second);
		return new TopicListeners(first.topic(), all);
	}

	private static void addTo(List<TopicListener> all, TopicListener listener) {
		if (listener instanceof TopicListeners several) {
			all.addAll(List.of(several.listeners));
		}
		else {
			all.add(listener);
		}
	}

	@Override
	public String topic() {
		return this.topic;
	}

	@Override
	public void onMessage(Peer from, byte[] payload) {
		for (int i = 0; i < this.listeners.length; i++) {
			// Each its own copy: a listener's array is its own.
			byte[] own = (i == this.listeners.length - 1) ? payload : payload.clone();
			try {
				this.listeners[i].onMessage(from, own);
			}
			catch (Throwable ex) {
				logger.warn("A listener of topic '{}' failed on a message from {}", this.topic, from.nodeId(), ex);
			}
		}
	}

	@Override
	public void onMessage(Peer from, byte[] payload, Headers headers) {
		for (int i = 0; i < this.listeners.length; i++) {
			byte[] own = (i == this.listeners.length - 1) ? payload : payload.clone();
			try {
				this.listeners[i].onMessage(from, own, headers);
			}
			catch (Throwable ex) {
				logger.warn("A listener of topic '{}' failed on a message from {}", this.topic, from.nodeId(), ex);
			}
		}
	}

	@Override
	public void onMessages(Peer from, List<byte[]> payloads) {
		for (int i = 0; i < this.listeners.length; i++) {
			List<byte[]> own = (i == this.listeners.length - 1) ? payloads : copies(payloads);
			TopicListener listener = this.listeners[i];
			if (takesBatches(listener)) {
				try {
					listener.onMessages(from, own);
				}
				catch (Throwable ex) {
					logger.warn("A listener of topic '{}' failed on {} messages from {}", this.topic, own.size(),
							from.nodeId(), ex);
				}
			}
			else {
				for (byte[] payload : own) {
					try {
						listener.onMessage(from, payload, Headers.EMPTY);
					}
					catch (Throwable ex) {
						logger.warn("A listener of topic '{}' failed on a message from {}", this.topic, from.nodeId(),
								ex);
					}
				}
			}
		}
	}

	private static List<byte[]> copies(List<byte[]> payloads) {
		List<byte[]> copies = new ArrayList<>(payloads.size());
		for (byte[] payload : payloads) {
			copies.add(payload.clone());
		}
		return copies;
	}

	/**
	 * Whether a listener overrides {@link TopicListener#onMessages}; one that does not is
	 * called per message, so that one failing message does not cost the rest of the
	 * batch.
	 */
	static boolean takesBatches(TopicListener listener) {
		return BATCHING.get(listener.getClass());
	}

	@Override
	public String toString() {
		return "TopicListeners" + List.of(this.listeners);
	}

}
