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

package dev.tcpnet.discovery.fixed;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.discovery.SightingListener;
import dev.tcpnet.peer.LocalNode;

/**
 * {@link PeerDiscovery} from a fixed list of {@code host:port} seeds. Advertises nothing.
 *
 * <p>
 * Every seed is reported at start and again every refresh interval: the mesh ignores
 * seeds it is connected to, and a seed that was not up yet gets dialed on a later round.
 * Host names are resolved anew each round, on the discovery's own thread, because DNS may
 * change; each address of a host is reported as a sighting of its own, as a name may
 * stand for several nodes.
 *
 * @since 0.1.0
 */
public class StaticPeerDiscovery implements PeerDiscovery {

	/** The mechanism name of sightings from static seeds. */
	public static final String MECHANISM = "static";

	private static final Logger logger = LoggerFactory.getLogger(StaticPeerDiscovery.class);

	private final List<InetSocketAddress> seeds;

	private final Duration refreshInterval;

	private final HostResolver resolver;

	/**
	 * Seeds whose last resolution failed, so that a host that stays unknown is warned
	 * about once.
	 */
	private final Set<InetSocketAddress> unresolved = ConcurrentHashMap.newKeySet();

	private final Object lifecycleMonitor = new Object();

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Creates a static discovery.
	 * @param peers the seeds, each {@code host:port}, IPv6 addresses in brackets
	 * ({@code [::1]:7000})
	 * @param refreshInterval how often to report every seed again
	 * @throws IllegalArgumentException if a seed is malformed or the interval is not
	 * positive
	 */
	public StaticPeerDiscovery(List<String> peers, Duration refreshInterval) {
		this(peers, refreshInterval, InetAddress::getAllByName);
	}

	StaticPeerDiscovery(List<String> peers, Duration refreshInterval, HostResolver resolver) {
		if (refreshInterval.isZero() || refreshInterval.isNegative()) {
			throw new IllegalArgumentException("Refresh interval must be positive but was " + refreshInterval);
		}
		this.seeds = peers.stream().map(StaticPeerDiscovery::parse).toList();
		this.refreshInterval = refreshInterval;
		this.resolver = resolver;
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("peers", this.seeds.stream().map((seed) -> seed.getHostString() + ":" + seed.getPort()).toList(),
				"refreshInterval", this.refreshInterval.toString());
	}

	/**
	 * Parses a seed without resolving it.
	 * @param entry {@code host:port}, IPv6 addresses in brackets ({@code [::1]:7000})
	 * @return the unresolved address
	 * @throws IllegalArgumentException naming the entry if it is malformed
	 */
	public static InetSocketAddress parse(String entry) {
		String trimmed = entry.trim();
		boolean bracketed = trimmed.startsWith("[");
		int colon = bracketed ? trimmed.indexOf("]:") : trimmed.lastIndexOf(':');
		if (colon < 0) {
			throw invalid(entry, "it has no port");
		}
		colon += bracketed ? 1 : 0;
		String host = host(entry, trimmed.substring(0, colon));
		return InetSocketAddress.createUnresolved(host, port(entry, trimmed.substring(colon + 1)));
	}

	private static String host(String entry, String host) {
		if (host.startsWith("[") && host.endsWith("]")) {
			String literal = host.substring(1, host.length() - 1);
			requireIpv6Literal(entry, host);
			return literal;
		}
		if (host.isEmpty()) {
			throw invalid(entry, "it has no host");
		}
		if (host.contains(":") || host.contains("[") || host.contains("]")) {
			throw invalid(entry, "an IPv6 address must be in brackets, for example [::1]:7000");
		}
		return host;
	}

	private static void requireIpv6Literal(String entry, String bracketed) {
		try {
			// In brackets InetAddress only accepts a literal and never asks DNS
			InetAddress.getByName(bracketed);
		}
		catch (UnknownHostException ex) {
			throw invalid(entry, "'" + bracketed + "' is not an IPv6 address");
		}
	}

	private static int port(String entry, String port) {
		if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
			throw invalid(entry, "the port must be a number from 1 to 65535");
		}
		return Integer.parseInt(port);
	}

	private static IllegalArgumentException invalid(String entry, String reason) {
		return new IllegalArgumentException("Invalid static peer '" + entry + "' (expected host:port): " + reason);
	}

	@Override
	public String mechanism() {
		return MECHANISM;
	}

	/**
	 * Starts reporting the seeds, at once and then every refresh interval, on a daemon
	 * thread named {@code tcpnet-static-discovery}.
	 * @param self this node (unused: nothing is advertised)
	 * @param listener where to report sightings
	 * @throws IllegalStateException if already started
	 */
	@Override
	public void start(LocalNode self, SightingListener listener) {
		synchronized (this.lifecycleMonitor) {
			if (this.executor != null) {
				throw new IllegalStateException("Static discovery is already started");
			}
			if (this.seeds.isEmpty()) {
				return;
			}
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(this::newThread);
			executor.scheduleWithFixedDelay(() -> reportSeeds(listener), 0, this.refreshInterval.toNanos(),
					TimeUnit.NANOSECONDS);
			this.executor = executor;
			logger.info("Reporting static peers {} every {}", this.seeds, this.refreshInterval);
		}
	}

	private Thread newThread(Runnable task) {
		Thread thread = new Thread(task, "tcpnet-static-discovery");
		thread.setDaemon(true);
		return thread;
	}

	private void reportSeeds(SightingListener listener) {
		for (InetSocketAddress seed : this.seeds) {
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
			for (InetAddress address : resolve(seed)) {
				report(listener, new InetSocketAddress(address, seed.getPort()));
			}
		}
	}

	private InetAddress[] resolve(InetSocketAddress seed) {
		try {
			InetAddress[] addresses = this.resolver.resolve(seed.getHostString());
			this.unresolved.remove(seed);
			return addresses;
		}
		catch (UnknownHostException ex) {
			if (this.unresolved.add(seed)) {
				logger.warn("Cannot resolve static peer {}; trying again every {}", seed, this.refreshInterval);
			}
			else {
				logger.debug("Cannot resolve static peer {} yet", seed);
			}
			return new InetAddress[0];
		}
	}

	private void report(SightingListener listener, InetSocketAddress address) {
		try {
			listener.sighted(new Sighting(MECHANISM, null, List.of(address)));
		}
		catch (RuntimeException ex) {
			// An exception would cancel the periodic task for good
			logger.warn("Sighting listener failed for static peer {}", address, ex);
		}
	}

	/**
	 * Stops reporting. Idempotent.
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

	/**
	 * Resolves a host name to its addresses; a seam for tests, which must not ask DNS.
	 */
	@FunctionalInterface
	interface HostResolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

}
