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

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.peer.NodeId;

/**
 * A high-rate stream of messages to one peer on one topic, from
 * {@link Tcpnet#stream(NodeId, String)}. Its messages are delivered exactly once and in
 * order, like those of {@link Tcpnet#send(NodeId, String, byte[]) send}, and share their
 * order: a stream and {@code send} on the same topic to the same peer interleave as they
 * were called. What it saves is the future and its callbacks per message: one
 * {@link #flush()} reports on every message offered before it, and a full buffer makes
 * {@link #send(byte[], Duration)} wait for room instead of dropping the message.
 *
 * <p>
 * The peer's buffer ({@code tcpnet.delivery.buffer-max} messages and
 * {@code tcpnet.delivery.buffer-max-size} bytes not acknowledged yet) is shared with
 * {@code send} and every other stream to that peer. While the peer is momentarily
 * unreachable (lost and being reconnected, or seen by discovery but not connected yet),
 * messages are buffered as {@code send} buffers them, until the buffer is full. A message
 * that can never be delivered (the peer left, stayed unreachable, or its buffer timeout
 * passed) is dropped as {@code send} drops it: counted, published as a
 * {@link MessageDroppedEvent}, and reported by the next {@link #flush()}.
 *
 * <p>
 * Safe to use from several threads; messages offered concurrently are ordered as they
 * reach the peer's buffer. Not observed per message (an observation per message would
 * cost more than the message): the stream is for rates at which a trace per message is
 * not wanted.
 *
 * @since 0.1.0
 */
public interface TopicStream {

	/**
	 * Offers a message without waiting.
	 * @param payload the payload; the array must not change until a later
	 * {@link #flush()} completes
	 * @return {@code false} when the peer's buffer is full and the message was not taken
	 * (it is not counted as dropped: offer it again later); {@code true} otherwise
	 * @throws NoSuchPeerException if the peer is no longer known
	 */
	boolean offer(byte[] payload);

	/**
	 * Sends a message, waiting for room in the peer's buffer if it is full: the thread is
	 * woken when the peer's acknowledgements free room.
	 * @param payload the payload; the array must not change until a later
	 * {@link #flush()} completes
	 * @param maxWait how long to wait for room at most
	 * @throws MessageDroppedException with reason
	 * {@link MessageDroppedEvent.Reason#OVERFLOW OVERFLOW} when there was no room within
	 * {@code maxWait}; the message is counted and published as dropped, and not sent
	 * @throws InterruptedException if the thread is interrupted while waiting; the
	 * message is not sent, nor counted as dropped
	 * @throws IllegalStateException if called on one of tcpnet's network threads, whose
	 * waiting would keep the acknowledgements it waits for from being read
	 * @throws NoSuchPeerException if the peer is no longer known
	 */
	void send(byte[] payload, Duration maxWait) throws InterruptedException;

	/**
	 * Returns a future of every message offered or sent so far.
	 * @return a future that completes when the peer has acknowledged every message
	 * offered or sent before this call, or fails with a {@link MessageDroppedException}
	 * (the reason of the first) when one of those offered since the previous
	 * {@code flush()} was dropped: each message's failure is reported by one flush, the
	 * first one called after it was offered. Its stages run on the application's
	 * executor, as those of {@code send}'s futures do.
	 */
	CompletableFuture<Void> flush();

	/**
	 * Returns the topic of this stream's messages.
	 * @return the topic
	 */
	String topic();

	/**
	 * Returns the peer this stream sends to.
	 * @return the peer's node id
	 */
	NodeId nodeId();

}
