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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.MulticastSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.CRC32;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import javax.jmdns.impl.JmDNSImpl;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.discovery.SightingListener;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;

/**
 * {@link PeerDiscovery} over mDNS/DNS-SD with JmDNS: one JmDNS instance per selected
 * local address, each advertising this node as one service and reporting the other nodes
 * of its cluster.
 *
 * <p>
 * The service's TXT record carries the node id ({@code id}), the cluster
 * ({@code cluster}) and the protocol version ({@code proto}), with a Unix-domain socket
 * its host identity ({@code tcpnet.host}) and socket file ({@code tcpnet.unix-socket},
 * see {@link #transportAttributes}), and the node's metadata, one entry per key (tcpnet's
 * own keys win; an entry longer than the 255 bytes a TXT string holds is left out, with a
 * warning, and still travels in the handshake). Peers are recognised by node id, never by
 * instance name, which JmDNS renames when it clashes.
 *
 * @since 0.1.0
 */
public class MdnsPeerDiscovery implements PeerDiscovery {

	/** The mechanism name of sightings from mDNS. */
	public static final String MECHANISM = "mdns";

	private static final Logger logger = LoggerFactory.getLogger(MdnsPeerDiscovery.class);

	/** Longest DNS label, and so longest service instance name, in bytes. */
	private static final int MAX_INSTANCE_NAME_BYTES = 63;

	/** How this node's mDNS host name starts. */
	private static final String HOST_PREFIX = "tcpnet-";

	/** Hex digits of the cluster hash in host names. */
	private static final int CLUSTER_TAG_LENGTH = 8;

	/** Room for the node id in names, leaving some for the cluster name. */
	private static final int MAX_ID_LABEL = 40;

	/** The longest string of a TXT record ({@code key=value}), in bytes. */
	private static final int MAX_TXT_STRING_BYTES = 255;

	/** JmDNS waits up to five seconds for its timers when it closes. */
	private static final long CLOSE_TIMEOUT_MILLIS = 10_000;

	/** What JmDNS's socket asks of the kernel for datagrams not yet read, in bytes. */
	static final int RECEIVE_BUFFER_BYTES = 1024 * 1024;

	private final List<String> interfaces;

	private final String serviceType;

	private final int protocolVersion;

	private final Supplier<Map<String, String>> metadata;

	private final List<TcpnetMdnsCustomizer> customizers;

	private Supplier<Map<String, String>> transportAttributes = Map::of;

	private final Object lifecycleMonitor = new Object();

	private volatile List<Running> running = List.of();

	private @Nullable Thread starter;

	private volatile List<InetAddress> addresses = List.of();

	/**
	 * Creates an mDNS discovery.
	 * @param interfaces the interfaces to run on: names, globs such as {@code eth*}, IP
	 * addresses or CIDR blocks; empty to choose automatically
	 * @param serviceType the DNS-SD service type, for example
	 * {@code _tcpnet._tcp.local.}; the trailing dot is added when missing
	 * @param protocolVersion the protocol version to advertise
	 */
	public MdnsPeerDiscovery(List<String> interfaces, String serviceType, int protocolVersion) {
		this(interfaces, serviceType, protocolVersion, Map::of, List.of());
	}

	/**
	 * Creates an mDNS discovery that advertises the node's metadata in its TXT record,
	 * and whose JmDNS instances and service are customized before the service is
	 * registered.
	 * @param interfaces the interfaces to run on: names, globs such as {@code eth*}, IP
	 * addresses or CIDR blocks; empty to choose automatically
	 * @param serviceType the DNS-SD service type, for example
	 * {@code _tcpnet._tcp.local.}; the trailing dot is added when missing
	 * @param protocolVersion the protocol version to advertise
	 * @param metadata the node's metadata, read when discovery starts
	 * @param customizers the customizers, applied in this order
	 */
	public MdnsPeerDiscovery(List<String> interfaces, String serviceType, int protocolVersion,
			Supplier<Map<String, String>> metadata, List<TcpnetMdnsCustomizer> customizers) {
		this.customizers = List.copyOf(customizers);
		this.interfaces = List.copyOf(interfaces);
		this.serviceType = serviceType.endsWith(".") ? serviceType : serviceType + ".";
		this.protocolVersion = protocolVersion;
		this.metadata = metadata;
	}

	/**
	 * Also advertises what the transport says about reaching this node beside its
	 * address: its host identity ({@code tcpnet.host}) and Unix-domain socket file
	 * ({@code tcpnet.unix-socket}), so that a node of the same host dials the file at
	 * once and a node of another host never tries it ({@code TcpnetProtocol}, "Same-host
	 * peers"). Call before {@link #start}.
	 * @param attributes the attributes under their handshake keys, read when discovery
	 * starts (after the transport is bound); only those two keys are advertised
	 */
	public void transportAttributes(Supplier<Map<String, String>> attributes) {
		this.transportAttributes = attributes;
	}

	@Override
	public String mechanism() {
		return MECHANISM;
	}

	/**
	 * Selects the local addresses on the calling thread, then starts one JmDNS on each,
	 * which advertises this node and reports the nodes it resolves, on a thread of its
	 * own: JmDNS takes tens of milliseconds to start on an idle machine and seconds on a
	 * loaded one, which the application's start need not wait for. A JmDNS that cannot
	 * start is logged with its address; the others run.
	 * @param self this node, with its bound port
	 * @param listener where to report sightings
	 * @throws IllegalArgumentException if a configured interface entry matches nothing
	 * @throws IllegalStateException if already started
	 */
	@Override
	public void start(LocalNode self, SightingListener listener) {
		synchronized (this.lifecycleMonitor) {
			if (this.starter != null) {
				throw new IllegalStateException("mDNS discovery is already started");
			}
			List<InetAddress> selected = MdnsInterfaces.select(this.interfaces, LocalInterface.ofMachine());
			String instanceName = instanceName(self);
			Map<String, String> txt = txtRecord(self);
			this.addresses = selected;
			Thread starter = new Thread(() -> startAll(selected, instanceName, txt, self, listener),
					"tcpnet-mdns-start");
			starter.setDaemon(true);
			this.starter = starter;
			starter.start();
		}
	}

	private void startAll(List<InetAddress> selected, String instanceName, Map<String, String> txt, LocalNode self,
			SightingListener listener) {
		for (InetAddress address : selected) {
			try {
				Running started = start(address, instanceName, txt, self, listener);
				if (!keep(started)) {
					return;
				}
			}
			catch (RuntimeException ex) {
				logger.error("Failed to start mDNS on {}: this node is not advertised there and finds no peer "
						+ "over it (tcpnet.discovery.mdns.interfaces)", address.getHostAddress(), ex);
			}
		}
		List<String> advertised = this.running.stream().map((running) -> running.address().getHostAddress()).toList();
		if (!advertised.isEmpty()) {
			logger.info("Advertising node {} as mDNS service '{}' of type {} on port {} on {}", self.nodeId(),
					instanceName, this.serviceType, self.port(), advertised);
		}
	}

	// A stop while JmDNS was starting closes what starts after it
	private boolean keep(Running started) {
		synchronized (this.lifecycleMonitor) {
			if (this.starter == Thread.currentThread()) {
				List<Running> running = new ArrayList<>(this.running);
				running.add(started);
				this.running = List.copyOf(running);
				return true;
			}
		}
		closeAll(List.of(started));
		return false;
	}

	private Running start(InetAddress address, String instanceName, Map<String, String> txt, LocalNode self,
			SightingListener listener) {
		try {
			// JmDNS's own schedule keeps a new service silent for four seconds
			JmDNS jmdns = PromptProbing.create(address, hostName(self));
			enlargeReceiveBuffer(jmdns, address);
			MdnsServiceListener serviceListener = new MdnsServiceListener(self, this.serviceType, listener, address);
			try {
				PromptProbing.onProbes(jmdns, serviceListener::probed);
				ServiceInfo service = ServiceInfo.create(this.serviceType, instanceName, self.port(), 0, 0, txt);
				for (TcpnetMdnsCustomizer customizer : this.customizers) {
					customizer.customize(jmdns, service);
				}
				// Browse first: registerService returns once the service is announced,
				// a second after the first probe and seconds on a loaded machine; the
				// answers to this node's query can be dialed meanwhile
				jmdns.addServiceListener(this.serviceType, serviceListener);
				jmdns.registerService(service);
				return new Running(address, jmdns, serviceListener);
			}
			catch (IOException | RuntimeException ex) {
				closeAll(List.of(new Running(address, jmdns, serviceListener)));
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to start mDNS on " + address.getHostAddress(), ex);
		}
	}

	// The nodes of a cluster answer a query within milliseconds of each other, and every
	// datagram reaches every JmDNS of the host. With the socket's default buffer (104 KiB
	// on Linux), 32 nodes starting on two cores dropped more datagrams than they read
	// (the kernel's RcvbufErrors), and a node that misses the answers waits for the next
	// query. The kernel caps the size at net.core.rmem_max.
	private static void enlargeReceiveBuffer(JmDNS jmdns, InetAddress address) {
		MulticastSocket socket = (jmdns instanceof JmDNSImpl impl) ? impl.getSocket() : null;
		if (socket == null) {
			return;
		}
		try {
			socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
			logger.debug("mDNS on {} has a receive buffer of {} bytes", address.getHostAddress(),
					socket.getReceiveBufferSize());
		}
		catch (SocketException ex) {
			logger.debug("Could not enlarge the receive buffer of mDNS on {}", address.getHostAddress(), ex);
		}
	}

	Map<String, String> txtRecord(LocalNode self) {
		Map<String, String> txt = new LinkedHashMap<>();
		this.metadata.get().forEach((key, value) -> {
			if (txtStringBytes(key, value) <= MAX_TXT_STRING_BYTES) {
				txt.put(key, value);
			}
			else {
				logger.warn("Metadata entry '{}' is longer than the {} bytes of a TXT string: it is not advertised "
						+ "over mDNS, peers still see it once connected", key, MAX_TXT_STRING_BYTES);
			}
		});
		txt.put(MdnsServiceListener.ID, self.nodeId().value());
		txt.put(MdnsServiceListener.CLUSTER, self.cluster());
		txt.put(MdnsServiceListener.PROTOCOL, Integer.toString(this.protocolVersion));
		putTransportAttributes(txt);
		return txt;
	}

	// Both or neither: a host identity alone would say nothing to dial.
	private void putTransportAttributes(Map<String, String> txt) {
		Map<String, String> attributes = this.transportAttributes.get();
		String host = attributes.get(MdnsServiceListener.HOST);
		String file = attributes.get(MdnsServiceListener.UNIX_SOCKET);
		if (host == null || file == null) {
			return;
		}
		if (txtStringBytes(MdnsServiceListener.HOST, host) > MAX_TXT_STRING_BYTES
				|| txtStringBytes(MdnsServiceListener.UNIX_SOCKET, file) > MAX_TXT_STRING_BYTES) {
			logger.debug("The socket file {} is too long for a TXT string: not advertised over mDNS", file);
			return;
		}
		txt.put(MdnsServiceListener.HOST, host);
		txt.put(MdnsServiceListener.UNIX_SOCKET, file);
	}

	private static int txtStringBytes(String key, String value) {
		return (key + "=" + value).getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * Returns a readable instance name that is unique per node, within the length of a
	 * DNS label. Dots would be read as label separators by some resolvers.
	 * @param self this node
	 * @return the mDNS instance name
	 */
	static String instanceName(LocalNode self) {
		String suffix = "-" + uniqueLabel(self.nodeId());
		String cluster = dnsLabel(self.cluster());
		int room = MAX_INSTANCE_NAME_BYTES - suffix.length();
		while (cluster.getBytes(StandardCharsets.UTF_8).length > room) {
			cluster = cluster.substring(0, cluster.offsetByCodePoints(cluster.length(), -1));
		}
		return cluster + suffix;
	}

	private static String dnsLabel(String text) {
		return text.replace('.', '-');
	}

	/**
	 * Returns this node's mDNS host name: {@code tcpnet-}, a hash of the cluster name,
	 * and the node id's {@link #uniqueLabel}. Probes carry no TXT record, so the hash is
	 * how a node recognises a probing node of its own cluster.
	 * @param self this node
	 * @return the mDNS host name
	 */
	static String hostName(LocalNode self) {
		return HOST_PREFIX + crc32(self.cluster()) + "-" + uniqueLabel(self.nodeId());
	}

	/**
	 * Tells whether two {@link #hostName host names} belong to nodes of the same cluster.
	 * @param host one host name
	 * @param otherHost the other host name
	 * @return whether both carry the same cluster hash
	 */
	static boolean isSameCluster(String host, String otherHost) {
		int length = HOST_PREFIX.length() + CLUSTER_TAG_LENGTH + 1;
		return host.length() > length && otherHost.length() > length
				&& host.regionMatches(true, 0, otherHost, 0, length);
	}

	private static String crc32(String text) {
		CRC32 crc = new CRC32();
		crc.update(text.getBytes(StandardCharsets.UTF_8));
		return "%08x".formatted(crc.getValue());
	}

	/**
	 * A label as unique as the node id: the whole id, or for a long one its head and a
	 * hash of the rest. Not the short form: ids such as {@code orders-1} and
	 * {@code orders-2} share it, and two services or hosts with the same name leave it to
	 * a tie-break that can hide one of them.
	 * @param nodeId the node id
	 * @return a DNS label unique to the node id
	 */
	static String uniqueLabel(NodeId nodeId) {
		String id = dnsLabel(nodeId.value());
		if (id.length() <= MAX_ID_LABEL) {
			return id;
		}
		return id.substring(0, MAX_ID_LABEL - 9) + "-" + crc32(nodeId.value());
	}

	/**
	 * Closes every JmDNS instance, in parallel because each close takes about two
	 * seconds. Closing sends goodbye packets for the advertised service. Idempotent;
	 * never throws.
	 */
	@Override
	public void stop() {
		List<Running> toClose;
		Thread starting;
		synchronized (this.lifecycleMonitor) {
			starting = this.starter;
			toClose = this.running;
			this.starter = null;
			this.running = List.of();
			this.addresses = List.of();
		}
		closeAll(toClose);
		awaitStarter(starting);
	}

	// So that a stopped discovery leaves no JmDNS behind: the starter closes what it
	// starts from now on
	private static void awaitStarter(@Nullable Thread starting) {
		if (starting == null) {
			return;
		}
		try {
			starting.join(CLOSE_TIMEOUT_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void closeAll(List<Running> toClose) {
		List<Thread> closers = toClose.stream().map(MdnsPeerDiscovery::closeInBackground).toList();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MILLIS);
		try {
			for (Thread closer : closers) {
				TimeUnit.NANOSECONDS.timedJoin(closer, Math.max(1, deadline - System.nanoTime()));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("Interrupted while closing mDNS; JmDNS goes on closing in the background");
		}
	}

	private static Thread closeInBackground(Running running) {
		running.listener().deactivate();
		Thread closer = new Thread(() -> close(running), "tcpnet-mdns-close-" + running.address().getHostAddress());
		closer.setDaemon(true);
		closer.start();
		return closer;
	}

	private static void close(Running running) {
		try {
			running.jmdns().close();
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Failed to close mDNS on {}", running.address().getHostAddress(), ex);
		}
	}

	/**
	 * Returns the local addresses JmDNS runs on.
	 * @return the addresses; empty when not started
	 */
	public List<InetAddress> addresses() {
		return this.addresses;
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("interfaces", this.addresses.stream().map(InetAddress::getHostAddress).toList(), "serviceType",
				this.serviceType);
	}

	/**
	 * A started JmDNS instance and its listener.
	 */
	private record Running(InetAddress address, JmDNS jmdns, MdnsServiceListener listener) {

	}

}
