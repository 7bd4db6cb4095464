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

package dev.tcpnet.mesh;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.tcpnet.mesh.Session.State;
import dev.tcpnet.peer.NodeId;

/**
 * The peers the mesh knows, by node id, and the lock that every change of their lifecycle
 * takes (this object's monitor). Read without the lock by senders; changed under it.
 */
final class Sessions {

	final NodeId self;

	final Scheduler clock;

	/** Stamps what is enqueued, for the buffer timeout. */
	final BufferClock bufferClock;

	private final Map<NodeId, Session> byNodeId = new ConcurrentHashMap<>();

	private volatile boolean running;

	Sessions(NodeId self, Scheduler clock, Duration bufferTimeout) {
		this.self = self;
		this.clock = clock;
		this.bufferClock = new BufferClock(clock::nanoTime, bufferTimeout.toNanos());
	}

	boolean isRunning() {
		return this.running;
	}

	void running(boolean running) {
		this.running = running;
	}

	@Nullable Session get(NodeId nodeId) {
		return this.byNodeId.get(nodeId);
	}

	boolean isCurrent(Session session) {
		return this.byNodeId.get(session.nodeId) == session;
	}

	Session add(NodeId nodeId, List<InetSocketAddress> addresses) {
		Session session = new Session(nodeId, State.PENDING, addresses, this.clock, this.bufferClock);
		Session replaced = this.byNodeId.put(nodeId, session);
		if (replaced != null) {
			replaced.removed = true;
		}
		return session;
	}

	void remove(Session session) {
		if (this.byNodeId.remove(session.nodeId, session)) {
			session.removed = true;
		}
	}

	Collection<Session> all() {
		return this.byNodeId.values();
	}

	List<Session> removeAll() {
		List<Session> all = List.copyOf(this.byNodeId.values());
		this.byNodeId.clear();
		all.forEach((session) -> session.removed = true);
		return all;
	}

	/**
	 * Peers connected or being reconnected: those that count against {@code max-peers}.
	 */
	int peerCount() {
		return (int) this.byNodeId.values().stream().filter((s) -> s.state != State.PENDING).count();
	}

}
