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

package dev.tcpnet.discovery.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.naming.NamingException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.discovery.SightingListener;
import dev.tcpnet.peer.LocalNode;

/**
 * {@link PeerDiscovery} from DNS records. Advertises nothing: whoever runs the DNS (such
 * as Kubernetes for a headless service) publishes the records.
 *
 * <p>
 * With port 0 the name's SRV records list the nodes (a Kubernetes headless service's
 * {@code _port._tcp.service.namespace.svc.cluster.local}): each target is resolved
 * through the same server and dialed on the record's port. With a port the name's A and
 * AAAA records list the nodes, all on that port. Names are looked up at start and again
 * every refresh interval, and every address found is reported each time: the mesh ignores
 * those it is connected to, and dials those that appeared. A record that disappears is
 * simply not reported any more; it never drops a connection, as liveness comes from the
 * connection itself.
 *
 * <p>
 * Names must be fully qualified: the resolver's search domains are not applied.
 *
 * @since 0.1.0
 */
public class DnsPeerDiscovery implements PeerDiscovery {

	/** The mechanism name of sightings from DNS. */
	public static final String MECHANISM = "dns";

	private static final Logger logger = LoggerFactory.getLogger(DnsPeerDiscovery.class);

	private final String name;

	private final int port;

	private final Duration refreshInterval;

	private final @Nullable String server;

	private final DnsPeerResolver resolver;

	/**
	 * Queries whose last attempt failed, so that a lasting failure is warned about once.
	 */
	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	private volatile List<InetSocketAddress> lastFound = List.of();

	private final Object lifecycleMonitor = new Object();

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Creates a DNS discovery.
	 * @param name the fully qualified name to look up: an SRV name such as
	 * {@code _tcpnet._tcp.tcpnet.default.svc.cluster.local}, or a host name with A/AAAA
	 * records
	 * @param port 0 to look up SRV records and use their ports, else the port of the
	 * nodes at the name's A/AAAA records
	 * @param refreshInterval how often to look the name up again
	 * @param server the DNS server to ask, as {@code host}, {@code host:port} or
	 * {@code [IPv6]:port}; {@code null} for the system's resolver configuration
	 * @throws IllegalArgumentException if a value is invalid (see
	 * {@link #checkName(String, int)} and {@link #parseServer(String)}) or the interval
	 * is not positive
	 */
	public DnsPeerDiscovery(String name, int port, Duration refreshInterval, @Nullable String server) {
		this(name, port, refreshInterval, server, new JndiDnsLookup((server != null) ? parseServer(server) : null));
	}

	DnsPeerDiscovery(String name, int port, Duration refreshInterval, @Nullable String server, DnsLookup lookup) {
		checkName(name, port);
		if (server != null) {
			parseServer(server);
		}
		if (refreshInterval.isZero() || refreshInterval.isNegative()) {
			throw new IllegalArgumentException("Refresh interval must be positive but was " + refreshInterval);
		}
		this.name = name;
		this.port = port;
		this.refreshInterval = refreshInterval;
		this.server = server;
		this.resolver = new DnsPeerResolver(lookup, name, port);
	}

	/**
	 * Checks a name and port combination.
	 * @param name a fully qualified DNS name, with or without the trailing dot
	 * @param port 0 for SRV records, else 1 to 65535 for A/AAAA records
	 * @throws IllegalArgumentException naming the value if the name is not a valid DNS
	 * name, the port is out of range, or a port is given with an SRV name (one starting
	 * with {@code _})
	 */
	public static void checkName(String name, int port) {
		DnsNames.checkName(name, port);
	}

	/**
	 * Parses the address of a DNS server without resolving it.
	 * @param server {@code host}, {@code host:port} or {@code [IPv6]:port}; the port
	 * defaults to 53
	 * @return the unresolved address
	 * @throws IllegalArgumentException naming the value if it is malformed
	 */
	public static InetSocketAddress parseServer(String server) {
		return DnsNames.parseServer(server);
	}

	@Override
	public String mechanism() {
		return MECHANISM;
	}

	@Override
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("name", this.name);
		details.put("port", this.port);
		details.put("records", this.resolver.srvMode() ? "SRV" : "A/AAAA");
		details.put("server", (this.server != null) ? this.server : "system resolver");
		details.put("refreshInterval", this.refreshInterval.toString());
		// What the last lookup found
		details.put("addresses", this.lastFound.stream().map(DnsPeerDiscovery::format).toList());
		return details;
	}

	/**
	 * Starts looking the name up, at once and then every refresh interval, on a daemon
	 * thread named {@code tcpnet-dns-discovery}.
	 * @param self this node (unused: nothing is advertised)
	 * @param listener where to report sightings
	 * @throws IllegalStateException if already started
	 */
	@Override
	public void start(LocalNode self, SightingListener listener) {
		synchronized (this.lifecycleMonitor) {
			if (this.executor != null) {
				throw new IllegalStateException("DNS discovery is already started");
			}
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(this::newThread);
			executor.scheduleWithFixedDelay(() -> refreshSafely(listener), 0, this.refreshInterval.toNanos(),
					TimeUnit.NANOSECONDS);
			this.executor = executor;
			logger.info("Looking up {} records of {} every {}, asking {}", this.resolver.srvMode() ? "SRV" : "A/AAAA",
					this.name, this.refreshInterval, (this.server != null) ? this.server : "the system's resolver");
		}
	}

	private Thread newThread(Runnable task) {
		Thread thread = new Thread(task, "tcpnet-dns-discovery");
		thread.setDaemon(true);
		return thread;
	}

	private void refreshSafely(SightingListener listener) {
		try {
			refresh(listener);
		}
		catch (RuntimeException ex) {
			// An exception would cancel the periodic task for good
			logger.warn("DNS discovery of {} failed unexpectedly; trying again every {}", this.name,
					this.refreshInterval, ex);
		}
	}

	private void refresh(SightingListener listener) {
		DnsPeerResolver.Round round = this.resolver.resolve();
		if (Thread.currentThread().isInterrupted()) {
			return;
		}
		logFailures(round);
		remember(round);
		for (InetSocketAddress address : round.addresses()) {
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
			report(listener, address);
		}
	}

	private void logFailures(DnsPeerResolver.Round round) {
		round.failures().forEach((query, failure) -> {
			if (this.failing.add(query)) {
				logger.warn("DNS lookup of {} failed: {}; trying again every {}", query, describe(failure),
						this.refreshInterval);
			}
			else {
				logger.debug("DNS lookup of {} still fails: {}", query, describe(failure));
			}
		});
		for (String query : round.successes()) {
			if (this.failing.remove(query)) {
				logger.info("DNS lookup of {} succeeds again", query);
			}
		}
		// Forget what was not asked this time (an SRV target that went away)
		this.failing.removeIf((query) -> !round.failures().containsKey(query));
	}

	static String describe(Exception failure) {
		if (!(failure instanceof NamingException naming)) {
			return failure.toString();
		}
		String explanation = (naming.getExplanation() != null) ? naming.getExplanation() : naming.toString();
		return (naming.getRootCause() != null) ? explanation + " (" + naming.getRootCause() + ")" : explanation;
	}

	private void remember(DnsPeerResolver.Round round) {
		List<InetSocketAddress> found = List.copyOf(round.addresses());
		// Servers rotate the order of records (dnsmasq does): only a different set is
		// news
		if (!Set.copyOf(found).equals(Set.copyOf(this.lastFound))) {
			logger.debug("DNS name {} lists {}", this.name, found);
			this.lastFound = found;
		}
	}

	private void report(SightingListener listener, InetSocketAddress address) {
		try {
			listener.sighted(new Sighting(MECHANISM, null, List.of(address)));
		}
		catch (RuntimeException ex) {
			// An exception would cancel the periodic task for good
			logger.warn("Sighting listener failed for DNS peer {}", address, ex);
		}
	}

	private static String format(InetSocketAddress address) {
		String host = address.getAddress().getHostAddress();
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
	}

	/**
	 * Stops looking up. Idempotent. A lookup in progress ends within its timeout (about
	 * three seconds when the server does not answer); what it finds is not reported.
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
