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

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.peer.Direction;

/**
 * Cumulative counts since the node started: connections, handshake refusals, messages,
 * payload bytes and discovery sightings. Read by the metrics and the endpoint; written
 * only by the registry.
 *
 * @since 0.1.0
 */
public final class TcpnetCounters {

	/** Connections opened, by transport ({@code tcp}, {@code unix}), then direction. */
	private final Map<String, Map<Direction, LongAdder>> opened = new ConcurrentHashMap<>();

	/** Connections closed, by transport, then reason. */
	private final Map<String, Map<CloseReason, LongAdder>> closed = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> sightings = new ConcurrentHashMap<>();

	private final Map<MessageDroppedEvent.Reason, LongAdder> dropped = adders(MessageDroppedEvent.Reason.class);

	private final LongAdder messagesSent = new LongAdder();

	private final LongAdder messagesReceived = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final LongAdder bytesReceived = new LongAdder();

	TcpnetCounters() {
	}

	/**
	 * Connections opened (socket established) in a direction, over every transport.
	 * @param direction inbound or outbound
	 * @return the number of connections opened
	 */
	public long connectionsOpened(Direction direction) {
		return this.opened.values().stream().mapToLong((byDirection) -> byDirection.get(direction).sum()).sum();
	}

	/**
	 * Connections opened (socket established) in a direction over a transport.
	 * @param direction inbound or outbound
	 * @param transport {@code tcp}, or {@code unix} for Unix-domain sockets
	 * @return the number of connections opened
	 */
	public long connectionsOpened(Direction direction, String transport) {
		Map<Direction, LongAdder> byDirection = this.opened.get(transport);
		return (byDirection != null) ? byDirection.get(direction).sum() : 0;
	}

	/**
	 * Connections closed for a reason, over every transport.
	 * @param reason the reason
	 * @return the number of connections closed
	 */
	public long connectionsClosed(CloseReason reason) {
		return this.closed.values().stream().mapToLong((byReason) -> byReason.get(reason).sum()).sum();
	}

	/**
	 * Connections closed for a reason that ran over a transport.
	 * @param reason the reason
	 * @param transport {@code tcp}, or {@code unix} for Unix-domain sockets
	 * @return the number of connections closed
	 */
	public long connectionsClosed(CloseReason reason, String transport) {
		Map<CloseReason, LongAdder> byReason = this.closed.get(transport);
		return (byReason != null) ? byReason.get(reason).sum() : 0;
	}

	/**
	 * Handshakes this node refused, by reason ({@code magic}, {@code cluster}, …).
	 * @param reason the reason
	 * @return the number of handshakes refused
	 */
	public long handshakesRejected(String reason) {
		LongAdder adder = this.rejected.get(reason);
		return (adder != null) ? adder.sum() : 0;
	}

	/**
	 * Sightings reported by a discovery mechanism.
	 * @param mechanism the mechanism ({@code mdns}, {@code static}, …)
	 * @return the number of sightings
	 */
	public long sightings(String mechanism) {
		LongAdder adder = this.sightings.get(mechanism);
		return (adder != null) ? adder.sum() : 0;
	}

	/**
	 * The mechanisms that reported sightings so far.
	 * @return the mechanisms' names
	 */
	public Set<String> sightingMechanisms() {
		return Set.copyOf(this.sightings.keySet());
	}

	/**
	 * Messages given up, by reason.
	 * @param reason the reason
	 * @return the number of messages dropped
	 */
	public long messagesDropped(MessageDroppedEvent.Reason reason) {
		return this.dropped.get(reason).sum();
	}

	/**
	 * Messages the peers acknowledged.
	 * @return the number of messages acknowledged
	 */
	public long messagesSent() {
		return this.messagesSent.sum();
	}

	public long messagesReceived() {
		return this.messagesReceived.sum();
	}

	public long bytesSent() {
		return this.bytesSent.sum();
	}

	public long bytesReceived() {
		return this.bytesReceived.sum();
	}

	void opened(Direction direction, String transport) {
		this.opened.computeIfAbsent(transport, (key) -> adders(Direction.class)).get(direction).increment();
	}

	void closed(CloseReason reason, String transport) {
		this.closed.computeIfAbsent(transport, (key) -> adders(CloseReason.class)).get(reason).increment();
	}

	void rejected(String reason) {
		this.rejected.computeIfAbsent(reason, (key) -> new LongAdder()).increment();
	}

	void sighted(String mechanism) {
		this.sightings.computeIfAbsent(mechanism, (key) -> new LongAdder()).increment();
	}

	void dropped(MessageDroppedEvent.Reason reason) {
		this.dropped.get(reason).increment();
	}

	void sent(int messages, long bytes) {
		this.messagesSent.add(messages);
		this.bytesSent.add(bytes);
	}

	void received(int messages, long bytes) {
		this.messagesReceived.add(messages);
		this.bytesReceived.add(bytes);
	}

	private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
		Map<E, LongAdder> adders = new EnumMap<>(type);
		for (E key : type.getEnumConstants()) {
			adders.put(key, new LongAdder());
		}
		return adders;
	}

}
