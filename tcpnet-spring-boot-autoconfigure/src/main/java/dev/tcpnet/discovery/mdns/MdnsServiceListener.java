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

package dev.tcpnet.discovery.mdns;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.discovery.SightingListener;
import dev.tcpnet.discovery.mdns.PromptProbing.ProbedService;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;

/**
 * Turns the services one JmDNS instance resolves into sightings of the other nodes of
 * this node's cluster, and the services other hosts probe for into earlier sightings.
 * JmDNS calls it on its own threads: every service event of an instance on one thread,
 * which nothing here blocks.
 */
final class MdnsServiceListener implements ServiceListener {

	private static final Logger logger = LoggerFactory.getLogger(MdnsServiceListener.class);

	/** TXT key of the node id. */
	static final String ID = "id";

	/** TXT key of the cluster name. */
	static final String CLUSTER = "cluster";

	/** TXT key of the protocol version. */
	static final String PROTOCOL = "proto";

	/**
	 * TXT key of the host identity of a node with a Unix-domain socket: the handshake
	 * attribute's key ({@code TcpnetProtocol.HOST_ATTRIBUTE}).
	 */
	static final String HOST = "tcpnet.host";

	/**
	 * TXT key of the path of a node's Unix-domain socket file: the handshake attribute's
	 * key ({@code TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE}).
	 */
	static final String UNIX_SOCKET = "tcpnet.unix-socket";

	/** The TXT keys that become a sighting's attributes, hints for the transport. */
	private static final List<String> TRANSPORT_KEYS = List.of(HOST, UNIX_SOCKET);

	private final LocalNode self;

	private final String serviceType;

	/** {@link MdnsPeerDiscovery#hostName} of this node. */
	private final String hostName;

	private final SightingListener listener;

	/**
	 * The address the JmDNS instance runs on; its scope is the link the answers come
	 * from.
	 */
	private final InetAddress local;

	/**
	 * Last sighting reported per service, so that JmDNS's repeated resolutions stay
	 * quiet.
	 */
	private final Map<String, Sighting> reported = new ConcurrentHashMap<>();

	/**
	 * Where resolutions are asked for. {@code requestServiceInfo} waits up to 200 ms for
	 * the answer, and JmDNS delivers every service event of an instance, resolutions
	 * included, on one thread: asked there, the services of a cluster that start together
	 * held the resolutions queued behind them for seconds. One thread, ended when idle.
	 */
	private final ThreadPoolExecutor resolver;

	private volatile boolean active = true;

	MdnsServiceListener(LocalNode self, String serviceType, SightingListener listener, InetAddress local) {
		this.self = self;
		this.serviceType = serviceType;
		this.hostName = MdnsPeerDiscovery.hostName(self);
		this.listener = listener;
		this.local = local;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("tcpnet-mdns-resolve-");
		threads.setDaemon(true);
		this.resolver = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads,
				new ThreadPoolExecutor.DiscardPolicy());
		this.resolver.allowCoreThreadTimeOut(true);
	}

	/**
	 * Stops reporting: events that JmDNS still delivers while it closes are dropped, and
	 * resolutions not asked for yet are not asked for.
	 */
	void deactivate() {
		this.active = false;
		this.resolver.shutdownNow();
	}

	@Override
	public void serviceAdded(ServiceEvent event) {
		if (this.active) {
			JmDNS dns = event.getDNS();
			String type = event.getType();
			String name = event.getName();
			String key = event.getInfo().getKey();
			this.resolver.execute(() -> resolve(dns, type, name, key));
		}
	}

	// JmDNS usually resolves from the announcement by itself; asking covers responders
	// that answer with a PTR record only. With a timeout below JmDNS's 200 ms poll this
	// returns at once when the data is there and after one poll at most otherwise.
	private void resolve(JmDNS dns, String type, String name, String key) {
		if (this.active && !this.reported.containsKey(key)) {
			dns.requestServiceInfo(type, name, 1);
		}
	}

	@Override
	public void serviceRemoved(ServiceEvent event) {
		// A node that comes back at the same address is worth reporting again
		this.reported.remove(event.getInfo().getKey());
	}

	@Override
	public void serviceResolved(ServiceEvent event) {
		if (!this.active) {
			return;
		}
		ServiceInfo info = event.getInfo();
		Sighting sighting = toSighting(info);
		if (sighting != null && !sighting.equals(this.reported.put(info.getKey(), sighting))) {
			report(info, sighting);
		}
	}

	/**
	 * Reports a node of this cluster that probes for its service, so that it is dialed
	 * three quarters of a second before it can be resolved. A probe has no TXT record:
	 * the host name tells the cluster, and the handshake the node id.
	 * @param probe a service another host probes for
	 */
	void probed(ProbedService probe) {
		if (!this.active || probe.port() <= 0 || !probe.type().equalsIgnoreCase(this.serviceType)) {
			return;
		}
		String host = firstLabel(probe.host());
		if (host.equalsIgnoreCase(this.hostName) || !MdnsPeerDiscovery.isSameCluster(host, this.hostName)) {
			return;
		}
		InetAddress address = dialable(probe.from(), this.local);
		if (address == null) {
			return;
		}
		logger.debug("Host {} probes for mDNS service '{}' of this cluster: dialing {} port {}", host, probe.instance(),
				address.getHostAddress(), probe.port());
		try {
			this.listener.sighted(new Sighting(MdnsPeerDiscovery.MECHANISM, null,
					List.of(new InetSocketAddress(address, probe.port()))));
		}
		catch (RuntimeException ex) {
			logger.warn("Sighting listener failed for mDNS service '{}'", probe.instance(), ex);
		}
	}

	private static String firstLabel(String name) {
		int dot = name.indexOf('.');
		return (dot < 0) ? name : name.substring(0, dot);
	}

	private @Nullable Sighting toSighting(ServiceInfo info) {
		String id = info.getPropertyString(ID);
		if (info.getPort() <= 0 || id == null) {
			// JmDNS resolves in steps: the first resolution often lacks TXT
			logger.trace("Ignoring mDNS service '{}' until it has a port and a node id", info.getName());
			return null;
		}
		NodeId nodeId = nodeId(info, id);
		if (nodeId == null || !isPeer(info, nodeId)) {
			return null;
		}
		List<InetSocketAddress> addresses = addresses(info);
		if (addresses.isEmpty()) {
			logger.debug("Ignoring node {} at mDNS service '{}': it has no usable address", nodeId, info.getName());
			return null;
		}
		return new Sighting(MdnsPeerDiscovery.MECHANISM, nodeId, addresses, transportAttributes(info));
	}

	/**
	 * Returns what a service's TXT record says about reaching the node beside its
	 * addresses: its host identity and socket file, under the handshake's keys.
	 * @param info the resolved service
	 * @return the attributes, empty when the record has none
	 */
	static Map<String, String> transportAttributes(ServiceInfo info) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (String key : TRANSPORT_KEYS) {
			String value = info.getPropertyString(key);
			if (value != null && !value.isEmpty()) {
				attributes.put(key, value);
			}
		}
		return attributes;
	}

	private @Nullable NodeId nodeId(ServiceInfo info, String id) {
		try {
			return NodeId.of(id);
		}
		catch (IllegalArgumentException ex) {
			logger.debug("Ignoring mDNS service '{}': invalid node id: {}", info.getName(), ex.getMessage());
			return null;
		}
	}

	private boolean isPeer(ServiceInfo info, NodeId nodeId) {
		if (nodeId.equals(this.self.nodeId())) {
			// JmDNS shows every instance its own service
			return false;
		}
		String cluster = info.getPropertyString(CLUSTER);
		if (!this.self.cluster().equals(cluster)) {
			logger.debug("Ignoring node {} at mDNS service '{}': its cluster '{}' is not '{}'", nodeId, info.getName(),
					cluster, this.self.cluster());
			return false;
		}
		return true;
	}

	/**
	 * Returns the service's IPv4 addresses, then its IPv6 addresses, with its port. A
	 * link-local IPv6 address comes without a scope, which it needs to be dialed: it gets
	 * this instance's, or is left out when this instance has none.
	 * @param info the resolved service
	 * @return the addresses to dial, IPv4 first
	 */
	private List<InetSocketAddress> addresses(ServiceInfo info) {
		List<InetSocketAddress> addresses = new ArrayList<>();
		for (InetAddress address : info.getInet4Addresses()) {
			addresses.add(new InetSocketAddress(address, info.getPort()));
		}
		for (Inet6Address address : info.getInet6Addresses()) {
			InetAddress dialable = dialable(address, this.local);
			if (dialable != null) {
				addresses.add(new InetSocketAddress(dialable, info.getPort()));
			}
		}
		return addresses;
	}

	/**
	 * mDNS packets do not cross links, so a link-local address in one is on the link this
	 * instance listens on: it gets the scope of {@code local}, or is not dialable when
	 * that has none.
	 * @param address an address from an mDNS record
	 * @param local the address this instance listens on
	 * @return the address to dial, or {@code null} when it cannot be dialed
	 */
	static @Nullable InetAddress dialable(InetAddress address, InetAddress local) {
		if (!(address instanceof Inet6Address v6) || !v6.isLinkLocalAddress() || v6.getScopeId() != 0) {
			return address;
		}
		if (!(local instanceof Inet6Address localV6) || localV6.getScopeId() == 0) {
			return null;
		}
		try {
			return Inet6Address.getByAddress(null, address.getAddress(), localV6.getScopeId());
		}
		catch (UnknownHostException ex) {
			// Only thrown for an address of the wrong length
			return null;
		}
	}

	private void report(ServiceInfo info, Sighting sighting) {
		logger.debug("Sighted node {} over mDNS at {} (service '{}', protocol {})", sighting.nodeId(),
				sighting.addresses(), info.getName(), info.getPropertyString(PROTOCOL));
		try {
			this.listener.sighted(sighting);
		}
		catch (RuntimeException ex) {
			this.reported.remove(info.getKey());
			logger.warn("Sighting listener failed for node {}", sighting.nodeId(), ex);
		}
	}

}
