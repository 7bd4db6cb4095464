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

package dev.tcpnet.cloud;

import java.util.List;
import java.util.Optional;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.registry.PeerStatistics;
import dev.tcpnet.registry.TcpnetCounters;

/**
 * A registry of fixed peers, for tests of what reads one (real meshes are tested beside).
 */
public final class FixedPeerRegistry implements PeerRegistry {

	private final List<Peer> peers;

	public FixedPeerRegistry(List<Peer> peers) {
		this.peers = List.copyOf(peers);
	}

	@Override
	public List<Peer> peers() {
		return this.peers;
	}

	@Override
	public Optional<Peer> peer(NodeId nodeId) {
		return this.peers.stream().filter((peer) -> peer.nodeId().equals(nodeId)).findFirst();
	}

	@Override
	public int size() {
		return this.peers.size();
	}

	@Override
	public Optional<PeerStatistics> statistics(NodeId nodeId) {
		return Optional.empty();
	}

	@Override
	public TcpnetCounters counters() {
		throw new UnsupportedOperationException();
	}

}
