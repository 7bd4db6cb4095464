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

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.discovery.SightingListener;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;

/**
 * {@link PeerDiscovery} through a Spring Cloud {@link DiscoveryClient} (Eureka, Consul,
 * Kubernetes…): every instance of one service is a node that may be a peer.
 *
 * <p>
 * An instance's tcpnet port is read from its metadata under a key ({@value #PORT_KEY} by
 * default, which {@link EurekaPortRegistration} sets for Eureka); an instance without it
 * is dialed on the default port, or skipped when there is none. An instance whose
 * metadata names this node's id ({@value #NODE_ID_KEY}) is this node and is not reported.
 * The instances are listed at start and again every refresh interval, and all are
 * reported each time: the mesh ignores those it is connected to. An instance that
 * disappears from the registry is simply not reported any more; it never drops a
 * connection, as liveness comes from the connection itself.
 *
 * @since 0.1.0
 */
public class SpringCloudPeerDiscovery implements PeerDiscovery {

	/** The mechanism name of sightings from Spring Cloud. */
	public static final String MECHANISM = "spring-cloud";

	/** The instance metadata key of the tcpnet port, unless configured otherwise. */
	public static final String PORT_KEY = "tcpnet-port";

	/** The instance metadata key of the node id, when the registration carries it. */
	public static final String NODE_ID_KEY = "tcpnet-node-id";

	private static final Logger logger = LoggerFactory.getLogger(SpringCloudPeerDiscovery.class);

	private final Supplier<DiscoveryClient> discoveryClient;

	private final String serviceId;

	private final String portKey;

	private final int defaultPort;

	private final Duration refreshInterval;

	/** Instances already warned about, so that a lasting problem is logged once. */
	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private volatile List<InetSocketAddress> lastFound = List.of();

	private volatile boolean failing;

	private final Object lifecycleMonitor = new Object();

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Creates a discovery through Spring Cloud.
	 * @param discoveryClient the client to ask, looked up at each refresh (so that it may
	 * be created after this discovery)
	 * @param serviceId the service whose instances are the nodes
	 * @param portKey the instance metadata key of the tcpnet port
	 * @param defaultPort the tcpnet port of instances without that key, 0 for none
	 * @param refreshInterval how often to list the instances again
	 * @throws IllegalArgumentException if a value is invalid
	 */
	public SpringCloudPeerDiscovery(Supplier<DiscoveryClient> discoveryClient, String serviceId, String portKey,
			int defaultPort, Duration refreshInterval) {
		if (serviceId.isBlank()) {
			throw new IllegalArgumentException("The service id must not be blank");
		}
		if (portKey.isBlank()) {
			throw new IllegalArgumentException("The port metadata key must not be blank");
		}
		if (defaultPort < 0 || defaultPort > 0xFFFF) {
			throw new IllegalArgumentException("The default port must be 0 to 65535 but was " + defaultPort);
		}
		if (refreshInterval.isZero() || refreshInterval.isNegative()) {
			throw new IllegalArgumentException("Refresh interval must be positive but was " + refreshInterval);
		}
		this.discoveryClient = discoveryClient;
		this.serviceId = serviceId;
		this.portKey = portKey;
		this.defaultPort = defaultPort;
		this.refreshInterval = refreshInterval;
	}

	@Override
	public String mechanism() {
		return MECHANISM;
	}

	@Override
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("serviceId", this.serviceId);
		details.put("portMetadataKey", this.portKey);
		details.put("defaultPort", this.defaultPort);
		details.put("refreshInterval", this.refreshInterval.toString());
		// What the last listing found
		details.put("addresses", this.lastFound.stream().map(SpringCloudPeerDiscovery::format).toList());
		return details;
	}

	/**
	 * Starts listing the instances, at once and then every refresh interval, on a daemon
	 * thread named {@code tcpnet-spring-cloud-discovery}: registry clients may block.
	 * @param self this node, whose own instance is not reported
	 * @param listener where to report sightings
	 * @throws IllegalStateException if already started
	 */
	@Override
	public void start(LocalNode self, SightingListener listener) {
		synchronized (this.lifecycleMonitor) {
			if (this.executor != null) {
				throw new IllegalStateException("Spring Cloud discovery is already started");
			}
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(this::newThread);
			executor.scheduleWithFixedDelay(() -> refreshSafely(self, listener), 0, this.refreshInterval.toNanos(),
					TimeUnit.NANOSECONDS);
			this.executor = executor;
			logger.info("Listing the instances of service '{}' through Spring Cloud every {}", this.serviceId,
					this.refreshInterval);
		}
	}

	private Thread newThread(Runnable task) {
		Thread thread = new Thread(task, "tcpnet-spring-cloud-discovery");
		thread.setDaemon(true);
		return thread;
	}

	private void refreshSafely(LocalNode self, SightingListener listener) {
		try {
			refresh(self, listener);
			if (this.failing) {
				this.failing = false;
				logger.info("Listing the instances of service '{}' succeeds again", this.serviceId);
			}
		}
		catch (RuntimeException ex) {
			// An exception would cancel the periodic task for good
			if (!this.failing) {
				this.failing = true;
				logger.warn("Listing the instances of service '{}' failed; trying again every {}", this.serviceId,
						this.refreshInterval, ex);
			}
		}
	}

	private void refresh(LocalNode self, SightingListener listener) {
		List<ServiceInstance> instances = this.discoveryClient.get().getInstances(this.serviceId);
		List<InetSocketAddress> found = new ArrayList<>();
		for (ServiceInstance instance : instances) {
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
			// The composite client may answer with this node's own peers: nothing to
			// learn
			if (instance instanceof TcpnetServiceInstance) {
				continue;
			}
			NodeId nodeId = nodeId(instance);
			if (self.nodeId().equals(nodeId)) {
				continue;
			}
			InetSocketAddress address = address(instance);
			if (address != null) {
				found.add(address);
				report(listener, new Sighting(MECHANISM, nodeId, List.of(address)));
			}
		}
		remember(found);
	}

	private @Nullable NodeId nodeId(ServiceInstance instance) {
		String value = instance.getMetadata().get(NODE_ID_KEY);
		try {
			return (value != null) ? NodeId.of(value) : null;
		}
		catch (IllegalArgumentException ex) {
			warnOnce(instance, "its metadata '" + NODE_ID_KEY + "' is not a node id");
			return null;
		}
	}

	private @Nullable InetSocketAddress address(ServiceInstance instance) {
		int port = port(instance);
		if (port == 0) {
			warnOnce(instance, "its metadata has no '" + this.portKey + "' and no default port is set");
			return null;
		}
		InetSocketAddress address = new InetSocketAddress(instance.getHost(), port);
		if (address.isUnresolved()) {
			warnOnce(instance, "its host '" + instance.getHost() + "' does not resolve");
			return null;
		}
		return address;
	}

	private int port(ServiceInstance instance) {
		String value = instance.getMetadata().get(this.portKey);
		if (value == null) {
			return this.defaultPort;
		}
		try {
			int port = Integer.parseInt(value.trim());
			if (port > 0 && port <= 0xFFFF) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below
		}
		warnOnce(instance, "its metadata '" + this.portKey + "' is '" + value + "', not a port");
		return 0;
	}

	private void warnOnce(ServiceInstance instance, String reason) {
		String key = instance.getInstanceId() + ":" + reason;
		if (this.warned.add(key)) {
			logger.warn("Instance {} of service '{}' at {} is not dialed: {}", instance.getInstanceId(), this.serviceId,
					instance.getHost(), reason);
		}
	}

	private void remember(List<InetSocketAddress> found) {
		if (!Set.copyOf(found).equals(Set.copyOf(this.lastFound))) {
			logger.debug("Service '{}' lists tcpnet nodes at {}", this.serviceId, found);
			this.lastFound = List.copyOf(found);
		}
	}

	private void report(SightingListener listener, Sighting sighting) {
		try {
			listener.sighted(sighting);
		}
		catch (RuntimeException ex) {
			logger.warn("Sighting listener failed for Spring Cloud instance {}", sighting.addresses(), ex);
		}
	}

	private static String format(InetSocketAddress address) {
		String host = address.getAddress().getHostAddress();
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
	}

	/**
	 * Stops listing. Idempotent.
	 */
	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (this.executor != null) {
				this.executor.shutdownNow();
				this.executor = null;
			}
		}
	}

}
