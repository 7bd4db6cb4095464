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

import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import dev.tcpnet.peer.Peer;
import dev.tcpnet.registry.PeerRegistry;

/**
 * tcpnet's connected peers as a Spring Cloud {@link DiscoveryClient}, so that Spring
 * Cloud LoadBalancer (a {@code @LoadBalanced} {@code RestClient.Builder} or
 * {@code WebClient.Builder}) calls the peers' web servers by the cluster name:
 * {@code http://<cluster>/path}.
 *
 * <p>
 * The one service is the cluster; each connected peer that states an HTTP port in its
 * metadata ({@value Peer#HTTP_PORT}, which a web application states by itself) is an
 * instance of it: instance id the node id, host the peer's address, the HTTP port, secure
 * when its metadata says {@value #SECURE_KEY}{@code =true}, and the peer's metadata. This
 * node itself is not listed: it knows only its peers.
 *
 * <p>
 * Its order is after the registries' own clients (order 0), so that in a composite the
 * registry answers for the services it knows, and this client for the cluster when no
 * registry knows it.
 *
 * @since 0.1.0
 */
public class TcpnetDiscoveryClient implements DiscoveryClient {

	/** The order unless configured otherwise: after the registries' clients. */
	public static final int DEFAULT_ORDER = 100;

	/** The metadata key by which a peer says its web server speaks HTTPS. */
	public static final String SECURE_KEY = "http-secure";

	private final PeerRegistry registry;

	private final String cluster;

	private final int order;

	/**
	 * Creates a discovery client over the connected peers.
	 * @param registry the peers
	 * @param cluster the cluster name: the service id
	 * @param order the client's order in a composite
	 */
	public TcpnetDiscoveryClient(PeerRegistry registry, String cluster, int order) {
		this.registry = registry;
		this.cluster = cluster;
		this.order = order;
	}

	@Override
	public String description() {
		return "tcpnet peers of cluster '" + this.cluster + "'";
	}

	/**
	 * Returns the connected peers of the cluster that run a web server.
	 * @param serviceId the service id: the cluster name (in any case), else nothing is
	 * listed
	 * @return the peers as instances, by node id
	 */
	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		if (!this.cluster.equalsIgnoreCase(serviceId)) {
			return List.of();
		}
		return this.registry.peers()
			.stream()
			.filter((peer) -> peer.httpPort().isPresent())
			.sorted(Comparator.comparing((peer) -> peer.nodeId().value()))
			.map(this::instance)
			.toList();
	}

	private ServiceInstance instance(Peer peer) {
		OptionalInt port = peer.httpPort();
		return new TcpnetServiceInstance(peer.nodeId().value(), this.cluster,
				peer.remoteAddress().getAddress().getHostAddress(), port.orElseThrow(),
				Boolean.parseBoolean(peer.metadata().get(SECURE_KEY)), peer.metadata());
	}

	/**
	 * Returns the cluster name while a peer with a web server is connected.
	 * @return the cluster name, or nothing
	 */
	@Override
	public List<String> getServices() {
		boolean any = this.registry.peers().stream().anyMatch((peer) -> peer.httpPort().isPresent());
		return any ? List.of(this.cluster) : List.of();
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
