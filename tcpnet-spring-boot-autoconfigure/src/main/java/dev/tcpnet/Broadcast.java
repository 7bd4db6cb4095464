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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.tcpnet.peer.NodeId;

/**
 * What {@link Tcpnet#broadcast} did: the peers a message was sent to, each with the
 * future of its acknowledgement.
 *
 * @since 0.1.0
 */
public final class Broadcast {

	private final Map<NodeId, CompletableFuture<Void>> deliveries;

	/**
	 * Creates the result of a broadcast.
	 * @param deliveries the peers it was sent to, each with its future, in the order sent
	 */
	public Broadcast(Map<NodeId, CompletableFuture<Void>> deliveries) {
		this.deliveries = Collections.unmodifiableMap(new LinkedHashMap<>(deliveries));
	}

	/**
	 * Returns how many peers the message was sent to.
	 * @return the number of peers
	 */
	public int size() {
		return this.deliveries.size();
	}

	/**
	 * Returns the peers the message was sent to.
	 * @return their node ids, in the order sent
	 */
	public Set<NodeId> nodeIds() {
		return this.deliveries.keySet();
	}

	/**
	 * Returns each peer's future, as {@link Tcpnet#send} returns it.
	 * @return the futures by node id
	 */
	public Map<NodeId, CompletableFuture<Void>> deliveries() {
		return this.deliveries;
	}

	/**
	 * Returns a future that completes when every peer has acknowledged the message, and
	 * fails as soon as one of them fails (with a {@link MessageDroppedException} saying
	 * which peer and why).
	 * @return the future of every acknowledgement
	 */
	public CompletableFuture<Void> acknowledged() {
		return CompletableFuture.allOf(this.deliveries.values().toArray(CompletableFuture[]::new));
	}

	@Override
	public String toString() {
		return "Broadcast to " + this.deliveries.keySet();
	}

}
