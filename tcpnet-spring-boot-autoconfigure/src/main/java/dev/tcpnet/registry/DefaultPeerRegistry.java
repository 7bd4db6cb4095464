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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.tcpnet.TopicListener;
import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.event.PeerGaveUpEvent;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.event.PeerReconnectingEvent;
import dev.tcpnet.message.Headers;
import dev.tcpnet.observation.TcpnetObservations;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.transport.Envelope;

/**
 * The peer registry: holds the connected peers and publishes one event per transition,
 * from the single {@code tcpnet-events} thread, in the order the transitions were
 * recorded. Callers record a peer's transitions from one thread at a time; listener
 * failures are logged and do not stop later events.
 *
 * @since 0.1.0
 */
public class DefaultPeerRegistry implements PeerRegistry {

	private static final Logger logger = LoggerFactory.getLogger(DefaultPeerRegistry.class);

	private final Map<NodeId, Peer> peers = new ConcurrentHashMap<>();

	private final Map<NodeId, PeerCounters> statistics = new ConcurrentHashMap<>();

	private final TcpnetCounters counters = new TcpnetCounters();

	private final ApplicationEventPublisher publisher;

	// Copied on write: listeners registered after start (annotated methods of late
	// beans) are seen by the next message.
	private volatile Map<String, TopicListener> topicListeners;

	private final Executor events;

	// The event thread, when the registry made it itself.
	private final @Nullable ExecutorService ownEvents;

	private final AtomicInteger pendingEvents = new AtomicInteger();

	private final AtomicLong pendingBytes = new AtomicLong();

	private final DropCoalescer drops = new DropCoalescer();

	private volatile Runnable consumed = () -> {
	};

	private volatile Pressure.Source pressure = Pressure.Source.NONE;

	private volatile @Nullable TcpnetObservations observations;

	public DefaultPeerRegistry(ApplicationEventPublisher publisher) {
		this(publisher, List.of());
	}

	/**
	 * Creates a registry that delivers the messages of some topics to their listeners
	 * instead of publishing them.
	 * @param publisher where events are published
	 * @param topicListeners the listeners; those of one topic are called in this order
	 */
	public DefaultPeerRegistry(ApplicationEventPublisher publisher, List<TopicListener> topicListeners) {
		this(publisher, topicListeners, (Executor) null);
	}

	/**
	 * Creates a registry that publishes on a thread of its own made by the given factory
	 * (a virtual thread's, for example).
	 * @param publisher where events are published
	 * @param topicListeners the listeners, at most one per topic
	 * @param eventThread makes the one thread that publishes events and runs the
	 * listeners
	 * @throws IllegalArgumentException if two listeners share a topic
	 */
	public DefaultPeerRegistry(ApplicationEventPublisher publisher, List<TopicListener> topicListeners,
			ThreadFactory eventThread) {
		this.publisher = publisher;
		this.topicListeners = byTopic(topicListeners);
		this.ownEvents = Executors.newSingleThreadExecutor(eventThread);
		this.events = this.ownEvents;
	}

	/**
	 * Creates a registry that publishes on the given executor.
	 * @param publisher where events are published
	 * @param topicListeners the listeners; those of one topic are called in this order
	 * @param events runs the publishing, one task at a time, in order; {@code null} for a
	 * thread of the registry's own, {@code tcpnet-events}
	 */
	public DefaultPeerRegistry(ApplicationEventPublisher publisher, List<TopicListener> topicListeners,
			@Nullable Executor events) {
		this.publisher = publisher;
		this.topicListeners = byTopic(topicListeners);
		if (events != null) {
			this.events = events;
			this.ownEvents = null;
		}
		else {
			CustomizableThreadFactory threads = new CustomizableThreadFactory("tcpnet-events");
			threads.setDaemon(true);
			this.ownEvents = Executors.newSingleThreadExecutor(threads);
			this.events = this.ownEvents;
		}
	}

	@Override
	public List<Peer> peers() {
		return List.copyOf(this.peers.values());
	}

	@Override
	public Optional<Peer> peer(NodeId nodeId) {
		return Optional.ofNullable(this.peers.get(nodeId));
	}

	@Override
	public int size() {
		return this.peers.size();
	}

	@Override
	public Optional<PeerStatistics> statistics(NodeId nodeId) {
		return Optional.ofNullable(this.statistics.get(nodeId)).map(PeerCounters::snapshot);
	}

	@Override
	public TcpnetCounters counters() {
		return this.counters;
	}

	/**
	 * Records that a peer became connected and publishes {@link PeerConnectedEvent}.
	 * @param peer the peer
	 * @param reconnect whether it had been lost and is back
	 */
	public void connected(Peer peer, boolean reconnect) {
		this.statistics.put(peer.nodeId(), new PeerCounters(peer.connectedAt()));
		this.peers.put(peer.nodeId(), peer);
		publish(new PeerConnectedEvent(this, peer, reconnect));
	}

	/**
	 * Publishes {@link PeerReconnectingEvent}: another attempt to reach a lost peer is
	 * scheduled.
	 * @param peer the peer as it was last connected
	 * @param attempt the attempt's number
	 * @param delay how long until it
	 */
	public void reconnecting(Peer peer, int attempt, Duration delay) {
		publish(new PeerReconnectingEvent(this, peer, attempt, delay));
	}

	/**
	 * Publishes {@link PeerGaveUpEvent}: no more attempts to reach a lost peer.
	 * @param peer the peer as it was last connected
	 */
	public void gaveUp(Peer peer) {
		publish(new PeerGaveUpEvent(this, peer));
	}

	/**
	 * Records a message that will never be delivered and publishes
	 * {@link MessageDroppedEvent}.
	 * @param nodeId the peer it was for
	 * @param topic its topic
	 * @param reason why
	 */
	public void messageDropped(NodeId nodeId, String topic, MessageDroppedEvent.Reason reason) {
		this.counters.dropped(reason);
		if (this.drops.first(nodeId, topic, reason)) {
			publish(new MessageDroppedEvent(this, nodeId, topic, reason));
		}
	}

	/**
	 * Publishes one {@link MessageDroppedEvent} for each peer, topic and reason whose
	 * drops since the last call were not published yet, with their count. The mesh calls
	 * it once a second.
	 */
	public void flushDrops() {
		this.drops.flush((drop,
				count) -> publish(new MessageDroppedEvent(this, drop.nodeId(), drop.topic(), drop.reason(), count)));
	}

	/**
	 * Records a round-trip time a heartbeat measured.
	 * @param nodeId the peer
	 * @param nanos the round-trip time
	 */
	public void roundTrip(NodeId nodeId, long nanos) {
		PeerCounters counters = this.statistics.get(nodeId);
		if (counters != null) {
			counters.roundTrip(nanos);
		}
	}

	/**
	 * Replaces a connected peer's snapshot without an event: the mesh switched to another
	 * connection of the same pair.
	 * @param peer the new snapshot
	 */
	public void updated(Peer peer) {
		this.peers.replace(peer.nodeId(), peer);
	}

	/**
	 * Records that a peer is no longer connected and publishes
	 * {@link PeerDisconnectedEvent}.
	 * @param peer the peer
	 * @param reason why
	 */
	public void disconnected(Peer peer, PeerDisconnectedEvent.Reason reason) {
		this.peers.remove(peer.nodeId());
		this.statistics.remove(peer.nodeId());
		publish(new PeerDisconnectedEvent(this, peer, reason));
	}

	/**
	 * Publishes a {@link PeerMessageEvent} for each of the messages a connected peer
	 * sent, in order. Messages read together are handed to the event thread together: one
	 * hand-off per read rather than per message.
	 * @param peer the sender
	 * @param messages the messages, in the order received
	 */
	public void messagesReceived(Peer peer, List<Envelope> messages) {
		long bytes = 0;
		for (Envelope message : messages) {
			bytes += message.payload().length;
		}
		this.counters.received(messages.size(), bytes);
		PeerCounters counters = this.statistics.get(peer.nodeId());
		if (counters != null) {
			counters.received(messages.size(), bytes);
		}
		long size = bytes;
		this.pendingBytes.addAndGet(size);
		publishAll(messages.size(), () -> {
			try {
				deliverInBatches(peer, messages);
			}
			finally {
				this.pendingBytes.addAndGet(-size);
			}
		});
	}

	/**
	 * Observes the delivery of every message from now on.
	 * @param observations the observations, or {@code null} for none
	 */
	public void observeWith(@Nullable TcpnetObservations observations) {
		this.observations = observations;
	}

	private void deliver(Peer peer, Envelope message) {
		TcpnetObservations observations = this.observations;
		if (observations == null) {
			deliverNow(peer, message);
		}
		else {
			observations.receive(message.topic(), "message", message.headers(), () -> deliverNow(peer, message));
		}
	}

	/**
	 * Delivers the messages of one read, each run of messages on one topic without
	 * headers in one call of its listener's {@link TopicListener#onMessages}, when it
	 * takes batches.
	 */
	private void deliverInBatches(Peer peer, List<Envelope> messages) {
		Map<String, TopicListener> listeners = this.topicListeners;
		int size = messages.size();
		int i = 0;
		while (i < size) {
			Envelope first = messages.get(i);
			TopicListener listener = listeners.get(first.topic());
			int end = i + 1;
			if (listener != null && first.headers().isEmpty() && TopicListeners.takesBatches(listener)) {
				while (end < size && messages.get(end).headers().isEmpty()
						&& messages.get(end).topic().equals(first.topic())) {
					end++;
				}
			}
			if (end - i == 1) {
				deliver(peer, first);
			}
			else {
				List<byte[]> payloads = new ArrayList<>(end - i);
				for (int j = i; j < end; j++) {
					payloads.add(messages.get(j).payload());
				}
				TcpnetObservations observations = this.observations;
				if (observations == null) {
					deliverNow(peer, first.topic(), listener, payloads);
				}
				else {
					// One observation per batch: the messages carry no trace context.
					observations.receive(first.topic(), "message", Headers.EMPTY,
							() -> deliverNow(peer, first.topic(), listener, payloads));
				}
			}
			i = end;
		}
	}

	private boolean deliverNow(Peer peer, String topic, TopicListener listener, List<byte[]> payloads) {
		try {
			listener.onMessages(peer, payloads);
			return true;
		}
		catch (Throwable ex) {
			logger.warn("The listener of topic '{}' failed on {} messages from {}", topic, payloads.size(),
					peer.nodeId(), ex);
			return false;
		}
	}

	// Whether the listeners took the message without failing.
	private boolean deliverNow(Peer peer, Envelope message) {
		TopicListener listener = this.topicListeners.get(message.topic());
		if (listener == null) {
			return publishNow(new PeerMessageEvent(this, peer, message.topic(), message.payload(), message.headers()));
		}
		try {
			listener.onMessage(peer, message.payload(), message.headers());
			return true;
		}
		catch (Throwable ex) {
			// An Error too: the rest of the read's messages are still delivered.
			logger.warn("The listener of topic '{}' failed on a message from {}", message.topic(), peer.nodeId(), ex);
			return false;
		}
	}

	/**
	 * Adds a listener of a topic, called after those the topic has: messages on the topic
	 * are no longer published as {@link PeerMessageEvent}s.
	 * @param listener the listener
	 */
	public synchronized void addTopicListener(TopicListener listener) {
		Map<String, TopicListener> byTopic = new HashMap<>(this.topicListeners);
		byTopic.merge(listener.topic(), listener, TopicListeners::of);
		this.topicListeners = Map.copyOf(byTopic);
	}

	private static Map<String, TopicListener> byTopic(List<TopicListener> listeners) {
		Map<String, TopicListener> byTopic = new HashMap<>();
		for (TopicListener listener : listeners) {
			byTopic.merge(listener.topic(), listener, TopicListeners::of);
		}
		return Map.copyOf(byTopic);
	}

	/**
	 * Records messages a peer acknowledged.
	 * @param nodeId the peer's node id
	 * @param messages how many
	 * @param bytes their payload size in total
	 */
	public void messagesSent(NodeId nodeId, int messages, long bytes) {
		if (messages == 0) {
			return;
		}
		this.counters.sent(messages, bytes);
		PeerCounters counters = this.statistics.get(nodeId);
		if (counters != null) {
			counters.sent(messages, bytes);
		}
	}

	/**
	 * Records that a connection opened, before its handshake.
	 * @param direction which side dialed
	 * @param transport what it runs on ({@code tcp}, {@code unix})
	 */
	public void connectionOpened(Direction direction, String transport) {
		this.counters.opened(direction, transport);
	}

	/**
	 * Records that a connection closed.
	 * @param reason why
	 * @param transport what it ran on ({@code tcp}, {@code unix})
	 */
	public void connectionClosed(CloseReason reason, String transport) {
		this.counters.closed(reason, transport);
	}

	/**
	 * Records a handshake this node refused.
	 * @param reason the reason, lower case ({@code cluster}, {@code timeout}, …)
	 */
	public void handshakeRejected(String reason) {
		this.counters.rejected(reason);
	}

	/**
	 * Records a sighting reported by a discovery mechanism.
	 * @param mechanism the mechanism's name
	 */
	public void sighted(String mechanism) {
		this.counters.sighted(mechanism);
	}

	/**
	 * Publishes every event recorded so far, then stops the event thread.
	 * @param timeout how long to wait for listeners
	 */
	public void close(Duration timeout) {
		ExecutorService own = this.ownEvents;
		if (own == null) {
			return;
		}
		own.shutdown();
		try {
			if (!own.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("tcpnet event listeners did not finish within {} ms", timeout.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Returns how many events wait for the listeners.
	 * @return the number of events not yet published
	 */
	public int pendingEvents() {
		return this.pendingEvents.get();
	}

	/**
	 * Returns how many payload bytes of received messages wait for the listeners.
	 * @return the bytes not yet delivered
	 */
	public long pendingBytes() {
		return this.pendingBytes.get();
	}

	/**
	 * Runs {@code consumed} on the event thread after each batch of events the listeners
	 * took.
	 * @param consumed what to run; quick, never blocking
	 */
	public void onConsumed(Runnable consumed) {
		this.consumed = consumed;
	}

	/**
	 * Sets where the pressure gauges read what is buffered ({@link #pressure()}).
	 * @param source the source
	 */
	public void pressureFrom(Pressure.Source source) {
		this.pressure = source;
	}

	@Override
	public Pressure pressure() {
		Pressure.Source source = this.pressure;
		return new Pressure(source.bufferedMessages(), source.bufferedBytes(), source.outboundBytes(),
				this.pendingEvents.get(), this.pendingBytes.get(), source.pausedReads());
	}

	@Override
	public Optional<PeerPressure> pressure(NodeId nodeId) {
		return Optional.ofNullable(this.pressure.of(nodeId));
	}

	private void publish(ApplicationEvent event) {
		publishAll(1, () -> publishNow(event));
	}

	/**
	 * Runs {@code publishing}, which publishes {@code count} events, on the event thread.
	 */
	private void publishAll(int count, Runnable publishing) {
		this.pendingEvents.addAndGet(count);
		try {
			this.events.execute(() -> {
				try {
					publishing.run();
				}
				finally {
					this.pendingEvents.addAndGet(-count);
					this.consumed.run();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.pendingEvents.addAndGet(-count);
			logger.debug("Not published, the registry is closed: {} events", count);
		}
	}

	private boolean publishNow(ApplicationEvent event) {
		try {
			this.publisher.publishEvent(event);
			return true;
		}
		catch (Throwable ex) {
			// An Error too: later events, and the rest of a read's messages, are still
			// published.
			logger.warn("A listener failed on {}", event, ex);
			return false;
		}
	}

}
