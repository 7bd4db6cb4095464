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

package dev.tcpnet.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

import dev.tcpnet.discovery.dns.DnsPeerDiscovery;
import dev.tcpnet.discovery.fixed.StaticPeerDiscovery;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.transport.TcpnetProtocol;
import dev.tcpnet.transport.TlsIdentity;

/**
 * Configuration properties for tcpnet. Validated at startup: a wrong value fails the
 * start with a message that names the property.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("tcpnet")
public class TcpnetProperties implements InitializingBean {

	/**
	 * Whether the node joins the network. When false, the Tcpnet bean is a stand-alone
	 * node with no socket, no discovery and no peers.
	 */
	private boolean enabled = true;

	/**
	 * Name of the cluster: the only thing nodes must share. Nodes of other clusters are
	 * ignored. When not set, 'spring.application.name', else 'tcpnet'.
	 */
	private @Nullable String cluster;

	/**
	 * This node's identity: 1 to 64 characters of [A-Za-z0-9._-]. When not set, a random
	 * 128-bit hex id, new at each start.
	 */
	private @Nullable String nodeId;

	/**
	 * How long dialing a peer may take.
	 */
	private Duration connectTimeout = Duration.ofSeconds(2);

	/**
	 * How long a new connection may take to complete its handshake before it is closed.
	 */
	private Duration handshakeTimeout = Duration.ofSeconds(5);

	/**
	 * Largest frame accepted. A larger frame closes the connection before it is buffered.
	 */
	private DataSize maxFrameSize = DataSize.ofMegabytes(8);

	/**
	 * Most inbound connections that may be in their handshake at once. More are closed at
	 * once, so that idle or slow strangers cannot exhaust the node.
	 */
	private int maxPendingHandshakes = 256;

	/**
	 * Most peers this node connects to. Connections from further nodes are refused.
	 */
	private int maxPeers = 1000;

	/**
	 * What this node says about itself: small string entries that peers see on
	 * Peer.metadata(), in the Actuator endpoint and in the mDNS TXT record. The web
	 * server's port is added as 'http-port' unless set here. Keys of 1 to 64 bytes, not
	 * starting with 'tcpnet.' and not 'id', 'cluster' or 'proto'; 1792 bytes in all.
	 */
	private final Map<String, String> metadata = new LinkedHashMap<>();

	private final Server server = new Server();

	private final Security security = new Security();

	private final Ssl ssl = new Ssl();

	private final Discovery discovery = new Discovery();

	private final Health health = new Health();

	private final Heartbeat heartbeat = new Heartbeat();

	private final Reconnect reconnect = new Reconnect();

	private final Delivery delivery = new Delivery();

	private final Requests requests = new Requests();

	private final Observations observations = new Observations();

	private final Events events = new Events();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getCluster() {
		return this.cluster;
	}

	public void setCluster(@Nullable String cluster) {
		this.cluster = cluster;
	}

	public @Nullable String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(@Nullable String nodeId) {
		this.nodeId = nodeId;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public DataSize getMaxFrameSize() {
		return this.maxFrameSize;
	}

	public void setMaxFrameSize(DataSize maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	public int getMaxPendingHandshakes() {
		return this.maxPendingHandshakes;
	}

	public void setMaxPendingHandshakes(int maxPendingHandshakes) {
		this.maxPendingHandshakes = maxPendingHandshakes;
	}

	public int getMaxPeers() {
		return this.maxPeers;
	}

	public void setMaxPeers(int maxPeers) {
		this.maxPeers = maxPeers;
	}

	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	public Server getServer() {
		return this.server;
	}

	public Security getSecurity() {
		return this.security;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public Health getHealth() {
		return this.health;
	}

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public Reconnect getReconnect() {
		return this.reconnect;
	}

	public Delivery getDelivery() {
		return this.delivery;
	}

	public Requests getRequests() {
		return this.requests;
	}

	public Observations getObservations() {
		return this.observations;

	}

	public Events getEvents() {
		return this.events;
	}

	@Override
	public void afterPropertiesSet() {
		validateIdentity();
		validateLimits();
		validateMetadata();
		this.server.validate();
		this.security.validate();
		if (this.maxPendingHandshakes < 1) {
			throw invalid("tcpnet.max-pending-handshakes", this.maxPendingHandshakes, "must be at least 1");
		}
		if (this.maxPeers < 1) {
			throw invalid("tcpnet.max-peers", this.maxPeers, "must be at least 1");
		}
		this.discovery.staticDiscovery.validate();
		this.discovery.dns.validate();
		requirePositive("tcpnet.discovery.no-peer-notice", this.discovery.noPeerNotice);
		this.heartbeat.validate();
		this.reconnect.validate();
		this.delivery.validate();
		this.requests.validate();
		if (this.health.minPeers < 0) {
			throw invalid("tcpnet.health.min-peers", this.health.minPeers, "must not be negative");
		}
	}

	private void validateIdentity() {
		if (this.cluster != null && (this.cluster.isBlank()
				|| this.cluster.getBytes(StandardCharsets.UTF_8).length > TcpnetProtocol.MAX_CLUSTER_BYTES)) {
			throw invalid("tcpnet.cluster", this.cluster,
					"must be 1 to " + TcpnetProtocol.MAX_CLUSTER_BYTES + " bytes and not blank");
		}
		if (this.nodeId != null) {
			try {
				NodeId.of(this.nodeId);
			}
			catch (IllegalArgumentException ex) {
				throw invalid("tcpnet.node-id", this.nodeId, ex.getMessage());
			}
		}
	}

	private void validateLimits() {
		requirePositive("tcpnet.connect-timeout", this.connectTimeout);
		requirePositive("tcpnet.handshake-timeout", this.handshakeTimeout);
		long frameSize = this.maxFrameSize.toBytes();
		if (frameSize < TcpnetProtocol.MIN_MAX_FRAME_SIZE || frameSize > Integer.MAX_VALUE) {
			throw invalid("tcpnet.max-frame-size", this.maxFrameSize, "must be between "
					+ TcpnetProtocol.MIN_MAX_FRAME_SIZE + " bytes (so that the handshake fits) and 2GB");
		}
	}

	// The mDNS TXT record's own keys: metadata shares the record with them.
	private static final Set<String> TXT_KEYS = Set.of("id", "cluster", "proto");

	private void validateMetadata() {
		this.metadata.forEach((key, value) -> {
			String name = "tcpnet.metadata." + key;
			int keyBytes = TcpnetProtocol.utf8Length(key);
			if (keyBytes == 0 || keyBytes > TcpnetProtocol.MAX_ATTRIBUTE_KEY_BYTES) {
				throw invalid(name, value,
						"the key must be 1 to " + TcpnetProtocol.MAX_ATTRIBUTE_KEY_BYTES + " bytes but is " + keyBytes);
			}
			if (key.startsWith(TcpnetProtocol.RESERVED_ATTRIBUTE_PREFIX) || TXT_KEYS.contains(key)) {
				throw invalid(name, value, "keys starting with '" + TcpnetProtocol.RESERVED_ATTRIBUTE_PREFIX
						+ "' and the keys " + TXT_KEYS + " are tcpnet's own");
			}
		});
		int size = TcpnetProtocol.attributesSize(withHttpPortRoom(this.metadata));
		if (size > TcpnetProtocol.MAX_METADATA_BYTES) {
			throw invalid("tcpnet.metadata", this.metadata.keySet(), "takes " + size + " bytes encoded (with room for '"
					+ Peer.HTTP_PORT + "'), the most is " + TcpnetProtocol.MAX_METADATA_BYTES);
		}
	}

	// The web server's port is added at run time: keep room for the largest one.
	private static Map<String, String> withHttpPortRoom(Map<String, String> metadata) {
		Map<String, String> withPort = new LinkedHashMap<>(metadata);
		withPort.putIfAbsent(Peer.HTTP_PORT, "65535");
		return withPort;
	}

	private static final String HIDDEN = "******";

	static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw invalid(name, value, "must be positive");
		}
	}

	static InvalidConfigurationPropertyValueException invalid(String name, Object value, String reason) {
		return new InvalidConfigurationPropertyValueException(name, value, reason);
	}

	/**
	 * The shared secret: nodes without it cannot complete a handshake.
	 */
	public static class Security {

		/**
		 * Shared secret of the cluster. When set, every handshake includes a mutual
		 * challenge-response (HMAC-SHA256) and nodes without the same secret are refused.
		 * Never sent, advertised or logged.
		 */
		private @Nullable String secret;

		/**
		 * Path of a file holding the shared secret (instead of 'tcpnet.security.secret').
		 * Surrounding whitespace is ignored.
		 */
		private @Nullable String secretFile;

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public @Nullable String getSecretFile() {
			return this.secretFile;
		}

		public void setSecretFile(@Nullable String secretFile) {
			this.secretFile = secretFile;
		}

		/**
		 * Returns the secret from the property or the file.
		 * @return the secret, or {@code null} when none is configured
		 */
		public @Nullable String resolveSecret() {
			if (this.secretFile != null) {
				try {
					return Files.readString(Path.of(this.secretFile), StandardCharsets.UTF_8).strip();
				}
				catch (IOException | InvalidPathException ex) {
					throw invalid("tcpnet.security.secret-file", this.secretFile,
							"cannot be read: " + ex.getClass().getSimpleName());
				}
			}
			return this.secret;
		}

		void validate() {
			if (this.secret != null && this.secretFile != null) {
				throw invalid("tcpnet.security.secret", HIDDEN, "set either it or 'tcpnet.security.secret-file'");
			}
			String resolved = resolveSecret();
			if (resolved != null && resolved.isBlank()) {
				String name = (this.secretFile != null) ? "tcpnet.security.secret-file" : "tcpnet.security.secret";
				throw invalid(name, (this.secretFile != null) ? this.secretFile : HIDDEN,
						"the secret must not be empty");
			}
		}

	}

	/**
	 * TLS for every connection.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle ('spring.ssl.bundle.*') to secure connections with. Both
		 * sides present certificates that must chain to the bundle's trust material.
		 * Bundle updates apply to new connections.
		 */
		private @Nullable String bundle;

		/**
		 * How a peer's node id is bound to its certificate: 'subject' requires the node
		 * id to be the certificate's subject common name or one of its DNS subject
		 * alternative names, so that no holder of a trusted certificate can claim another
		 * node's id; 'none' accepts any node id from any trusted certificate.
		 */
		private TlsIdentity identity = TlsIdentity.SUBJECT;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public TlsIdentity getIdentity() {
			return this.identity;
		}

		public void setIdentity(TlsIdentity identity) {
			this.identity = identity;
		}

	}

	/**
	 * DNS discovery, for example from a Kubernetes headless service.
	 */
	public static class Dns {

		/**
		 * Fully qualified name to look up: an SRV name (such as
		 * '_tcpnet._tcp.my-service.my-namespace.svc.cluster.local') when the port is 0,
		 * else a name whose A/AAAA records are the nodes. When set, DNS discovery runs.
		 */
		private @Nullable String name;

		/**
		 * Port of the nodes at the name's A/AAAA records; 0 looks up SRV records and uses
		 * their ports.
		 */
		private int port = 0;

		/**
		 * DNS server to ask, as host:port ('[::1]:53' for IPv6; the port defaults to 53).
		 * When not set, the servers of the system's resolver configuration.
		 */
		private @Nullable String server;

		/**
		 * How often the name is looked up again. New records are dialed; records that
		 * disappear do not drop a connection.
		 */
		private Duration refreshInterval = Duration.ofSeconds(5);

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public @Nullable String getServer() {
			return this.server;
		}

		public void setServer(@Nullable String server) {
			this.server = server;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		void validate() {
			if (this.port < 0 || this.port > 65535) {
				throw invalid("tcpnet.discovery.dns.port", this.port, "must be between 0 and 65535");
			}
			if (this.name != null) {
				try {
					DnsPeerDiscovery.checkName(this.name, this.port);
				}
				catch (IllegalArgumentException ex) {
					throw invalid("tcpnet.discovery.dns.name", this.name, ex.getMessage());
				}
			}
			if (this.server != null) {
				try {
					DnsPeerDiscovery.parseServer(this.server);
				}
				catch (IllegalArgumentException ex) {
					throw invalid("tcpnet.discovery.dns.server", this.server, ex.getMessage());
				}
			}
			requirePositive("tcpnet.discovery.dns.refresh-interval", this.refreshInterval);
		}

	}

	/**
	 * Heartbeats: how a silent peer is told from a quiet one.
	 */
	public static class Heartbeat {

		/**
		 * How long a connection may carry nothing from this side before a ping is sent,
		 * within a quarter of it: the connections are checked together twice per
		 * interval. Of a quiet pair, only one side pings and the other answers; each side
		 * also pings once every 10 intervals to measure the round trip.
		 */
		private Duration interval = Duration.ofSeconds(1);

		/**
		 * How long a connection may carry nothing from the peer before the peer is
		 * reported lost. Any byte counts, so a busy link needs no ping.
		 */
		private Duration timeout = Duration.ofSeconds(3);

		/**
		 * How long a peer may take none of the bytes written to it, or acknowledge none
		 * of the messages sent to it while it keeps sending (256 envelopes or more),
		 * before its connection is closed (counted as 'stalled') and the peer reported
		 * lost; its unacknowledged messages are sent again on the next connection. When
		 * not set, 'tcpnet.heartbeat.timeout'.
		 */
		private @Nullable Duration writeTimeout;

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Duration getWriteTimeout() {
			return this.writeTimeout;
		}

		public void setWriteTimeout(@Nullable Duration writeTimeout) {
			this.writeTimeout = writeTimeout;
		}

		void validate() {
			requirePositive("tcpnet.heartbeat.interval", this.interval);
			requirePositive("tcpnet.heartbeat.timeout", this.timeout);
			if (this.writeTimeout != null) {
				requirePositive("tcpnet.heartbeat.write-timeout", this.writeTimeout);
			}
			if (this.timeout.compareTo(this.interval) <= 0) {
				throw invalid("tcpnet.heartbeat.timeout", this.timeout,
						"must be longer than tcpnet.heartbeat.interval (" + this.interval + ")");
			}
		}

	}

	/**
	 * Redialing lost peers, with exponential back-off and jitter.
	 */
	public static class Reconnect {

		/**
		 * Delay before the first attempt to reach a lost peer.
		 */
		private Duration initialDelay = Duration.ofMillis(100);

		/**
		 * Longest delay between attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(10);

		/**
		 * How much each delay grows over the one before.
		 */
		private double multiplier = 2.0;

		/**
		 * Random spread of each delay, as a fraction of it (0.2 = plus or minus 20%).
		 */
		private double jitter = 0.2;

		/**
		 * How long a lost peer is redialed before tcpnet gives up on it and drops its
		 * buffered messages. When not set, 'tcpnet.delivery.buffer-timeout'.
		 */
		private @Nullable Duration giveUpAfter;

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public @Nullable Duration getGiveUpAfter() {
			return this.giveUpAfter;
		}

		public void setGiveUpAfter(@Nullable Duration giveUpAfter) {
			this.giveUpAfter = giveUpAfter;
		}

		void validate() {
			requirePositive("tcpnet.reconnect.initial-delay", this.initialDelay);
			requirePositive("tcpnet.reconnect.max-delay", this.maxDelay);
			if (this.multiplier < 1) {
				throw invalid("tcpnet.reconnect.multiplier", this.multiplier, "must be at least 1");
			}
			if (this.jitter < 0 || this.jitter >= 1) {
				throw invalid("tcpnet.reconnect.jitter", this.jitter, "must be at least 0 and less than 1");
			}
			if (this.giveUpAfter != null) {
				requirePositive("tcpnet.reconnect.give-up-after", this.giveUpAfter);
			}
		}

	}

	/**
	 * Acknowledged, buffered delivery.
	 */
	public static class Delivery {

		/**
		 * How often received requests and replies are acknowledged at the latest (every
		 * 64 under load). Messages are acknowledged within a millisecond of the read that
		 * brought them.
		 */
		private Duration ackInterval = Duration.ofSeconds(1);

		/**
		 * Most unacknowledged messages kept per peer. A send or request beyond fails at
		 * once with reason OVERFLOW. Replies to the peer's requests may use this room
		 * twice over; beyond, the requester is sent a refusal in place of the reply. It
		 * is also the most small messages in flight to a peer: a window of 10,000 covers
		 * the few milliseconds a busy machine takes to schedule the threads that read and
		 * acknowledge them.
		 */
		private int bufferMax = 10_000;

		/**
		 * Most bytes of unacknowledged payload kept per peer. A send beyond fails at once
		 * with reason OVERFLOW; a single larger message is taken when nothing else waits.
		 */
		private DataSize bufferMaxSize = DataSize.ofMegabytes(16);

		/**
		 * How long a message may wait for its acknowledgement before it is dropped with
		 * reason TIMEOUT. Never sooner; checked every ack-interval, and up to 1/1024 of
		 * the timeout later, as messages are timed in steps of that size rather than by a
		 * clock reading each.
		 */
		private Duration bufferTimeout = Duration.ofMinutes(15);

		/**
		 * Most payload bytes of received messages and requests that may wait for the
		 * application's listeners and request handlers, all peers together. Reading from
		 * peers pauses beyond it, and resumes when half of it is left; TCP flow control
		 * slows the senders meanwhile.
		 */
		private DataSize receiveBufferMaxSize = DataSize.ofMegabytes(32);

		public Duration getAckInterval() {
			return this.ackInterval;
		}

		public void setAckInterval(Duration ackInterval) {
			this.ackInterval = ackInterval;
		}

		public int getBufferMax() {
			return this.bufferMax;
		}

		public void setBufferMax(int bufferMax) {
			this.bufferMax = bufferMax;
		}

		public DataSize getBufferMaxSize() {
			return this.bufferMaxSize;
		}

		public void setBufferMaxSize(DataSize bufferMaxSize) {
			this.bufferMaxSize = bufferMaxSize;
		}

		public Duration getBufferTimeout() {
			return this.bufferTimeout;
		}

		public void setBufferTimeout(Duration bufferTimeout) {
			this.bufferTimeout = bufferTimeout;
		}

		public DataSize getReceiveBufferMaxSize() {
			return this.receiveBufferMaxSize;
		}

		public void setReceiveBufferMaxSize(DataSize receiveBufferMaxSize) {
			this.receiveBufferMaxSize = receiveBufferMaxSize;
		}

		void validate() {
			requirePositive("tcpnet.delivery.ack-interval", this.ackInterval);
			requirePositive("tcpnet.delivery.buffer-timeout", this.bufferTimeout);
			if (this.bufferMax < 1) {
				throw invalid("tcpnet.delivery.buffer-max", this.bufferMax, "must be at least 1");
			}
			if (this.bufferMaxSize.toBytes() < 1) {
				throw invalid("tcpnet.delivery.buffer-max-size", this.bufferMaxSize, "must be at least 1B");
			}
			if (this.receiveBufferMaxSize.toBytes() < 1) {
				throw invalid("tcpnet.delivery.receive-buffer-max-size", this.receiveBufferMaxSize,
						"must be at least 1B");
			}
		}

	}

	/**
	 * Where request handlers that may block run. By default on the application's
	 * threading model: one virtual thread per request with
	 * {@code spring.threads.virtual.enabled=true}, else a pool of its own. A bean named
	 * {@code tcpnetRequestExecutor} replaces it.
	 */
	public static class Requests {

		private final Pool pool = new Pool();

		/**
		 * Requests that may wait for a handler's thread; beyond, a request is refused at
		 * once and reads from the peers pause at half of it. With virtual threads, where
		 * no request waits, it bounds the handlers running at once instead; with a
		 * 'tcpnetRequestExecutor' bean, the requests handed to it and not answered yet.
		 */
		private int queueCapacity = 10_000;

		public Pool getPool() {
			return this.pool;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		void validate() {
			if (this.pool.size < 1) {
				throw invalid("tcpnet.requests.pool.size", this.pool.size, "must be at least 1");
			}
			if (this.queueCapacity < 1) {
				throw invalid("tcpnet.requests.queue-capacity", this.queueCapacity, "must be at least 1");
			}
		}

		/**
		 * The pool of platform threads, when virtual threads are not enabled.
		 */
		public static class Pool {

			/**
			 * Threads that run request handlers that may block.
			 */
			private int size = 4;

			public int getSize() {
				return this.size;
			}

			public void setSize(int size) {
				this.size = size;
			}

		}

	}

	/**
	 * Cluster events: application events marked {@code @ClusterEvent}.
	 */
	public static class Events {

		/**
		 * Whether application events of types marked @ClusterEvent are sent to every
		 * connected peer, and those that peers send are published here.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The {@code tcpnet} health component.
	 */
	public static class Health {

		/**
		 * Fewest connected peers for the health component to report UP. With fewer, it
		 * reports OUT_OF_SERVICE (HTTP 503), so that a readiness group can wait for the
		 * cluster.
		 */
		private int minPeers = 0;

		public int getMinPeers() {
			return this.minPeers;
		}

		public void setMinPeers(int minPeers) {
			this.minPeers = minPeers;
		}

	}

	/**
	 * The acceptor.
	 */
	public static class Server {

		// A longer poll keeps a core busy for a gap no round trip needs.
		private static final Duration MAX_BUSY_POLL = Duration.ofMillis(1);

		/**
		 * Address the acceptor binds.
		 */
		private String address = "0.0.0.0";

		/**
		 * Port the acceptor binds; 0 lets the operating system choose.
		 */
		private int port = 0;

		/**
		 * Whether to run on Netty's native epoll transport when it is available (Linux,
		 * with netty-transport-native-epoll on the class path, as the starter brings it),
		 * instead of Java NIO. Epoll's wake-ups are cheaper: shorter round trips.
		 */
		private boolean nativeTransport = true;

		/**
		 * How long a busy network thread keeps polling for I/O before it sleeps. Zero,
		 * the default, lets it sleep as soon as it finds nothing to do. About one round
		 * trip between the nodes shortens round trips that follow each other closely (no
		 * thread has to be woken for the reply) at the cost of CPU: up to a core per busy
		 * network thread, which it yields between polls to any other thread that wants
		 * it. A thread that found nothing to do for more than ten times this does not
		 * poll, so an idle node costs about the same. At most 1ms.
		 */
		private Duration busyPoll = Duration.ZERO;

		/**
		 * Whether Netty's classes and native library are loaded, and a first buffer is
		 * taken and freed, on a background thread ('tcpnet-warm-up') while the
		 * application context is prepared, instead of on the main thread when the
		 * transport is created and in the first handshake. Read from the environment
		 * before the context is refreshed.
		 */
		private boolean warmUp = true;

		/**
		 * The Unix-domain socket nodes of the same host talk over.
		 */
		private final UnixSocket unixSocket = new UnixSocket();

		public UnixSocket getUnixSocket() {
			return this.unixSocket;
		}

		public String getAddress() {
			return this.address;
		}

		public void setAddress(String address) {
			this.address = address;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public boolean isNativeTransport() {
			return this.nativeTransport;
		}

		public void setNativeTransport(boolean nativeTransport) {
			this.nativeTransport = nativeTransport;
		}

		public Duration getBusyPoll() {
			return this.busyPoll;
		}

		public void setBusyPoll(Duration busyPoll) {
			this.busyPoll = busyPoll;
		}

		public boolean isWarmUp() {
			return this.warmUp;
		}

		public void setWarmUp(boolean warmUp) {
			this.warmUp = warmUp;
		}

		void validate() {
			if (this.port < 0 || this.port > 65535) {
				throw invalid("tcpnet.server.port", this.port, "must be between 0 and 65535");
			}
			try {
				InetAddress.getByName(this.address);
			}
			catch (UnknownHostException ex) {
				throw invalid("tcpnet.server.address", this.address, "is not an address of this host");
			}
			if (this.busyPoll.isNegative() || this.busyPoll.compareTo(MAX_BUSY_POLL) > 0) {
				throw invalid("tcpnet.server.busy-poll", this.busyPoll, "must be between 0 and 1ms");
			}
		}

	}

	/**
	 * A node's Unix-domain socket, beside its TCP port: nodes of the same host dial each
	 * other's socket file, and TCP when it fails.
	 */
	public static class UnixSocket {

		/**
		 * Whether to accept and dial Unix-domain connections between nodes of the same
		 * host. Has no effect on platforms without them (only Linux and macOS have them).
		 */
		private boolean enabled = true;

		/**
		 * Directory of the socket files, which only this node's user may enter: created
		 * with mode 0700 when missing; a node refuses to start when it belongs to another
		 * user or its group or others may write to it. Defaults to a "tcpnet" directory
		 * under java.io.tmpdir.
		 */
		private @Nullable Path directory;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable Path directory) {
			this.directory = directory;
		}

	}

	/**
	 * How nodes find each other. Every enabled mechanism runs.
	 */
	public static class Discovery {

		private final Mdns mdns = new Mdns();

		@Name("static")
		private final Static staticDiscovery = new Static();

		private final Dns dns = new Dns();

		/**
		 * After how long without any peer one INFO line says which mechanisms and
		 * interfaces discovery uses and what to try.
		 */
		private Duration noPeerNotice = Duration.ofSeconds(30);

		public Duration getNoPeerNotice() {
			return this.noPeerNotice;
		}

		public void setNoPeerNotice(Duration noPeerNotice) {
			this.noPeerNotice = noPeerNotice;
		}

		public Mdns getMdns() {
			return this.mdns;
		}

		public Static getStaticDiscovery() {
			return this.staticDiscovery;
		}

		public Dns getDns() {
			return this.dns;
		}

	}

	/**
	 * mDNS/DNS-SD discovery.
	 */
	public static class Mdns {

		/**
		 * Whether to announce this node and browse for others over mDNS.
		 */
		private boolean enabled = true;

		/**
		 * Interface names, addresses or CIDRs to announce and browse on. When empty,
		 * every interface that is up, multicast-capable, not loopback and not virtual
		 * (docker*, veth*, br-*, virbr*, tun*); if none qualifies, loopback.
		 */
		private List<String> interfaces = new ArrayList<>();

		/**
		 * DNS-SD service type to announce and browse.
		 */
		private String serviceType = "_tcpnet._tcp.local.";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getInterfaces() {
			return this.interfaces;
		}

		public void setInterfaces(List<String> interfaces) {
			this.interfaces = interfaces;
		}

		public String getServiceType() {
			return this.serviceType;
		}

		public void setServiceType(String serviceType) {
			this.serviceType = serviceType;
		}

	}

	/**
	 * Static seeds, for networks without multicast.
	 */
	public static class Static {

		/**
		 * Seeds to dial, as host:port ('[::1]:7000' for IPv6).
		 */
		private List<String> peers = new ArrayList<>();

		/**
		 * How often seeds that are not connected are dialed again.
		 */
		private Duration refreshInterval = Duration.ofSeconds(2);

		public List<String> getPeers() {
			return this.peers;
		}

		public void setPeers(List<String> peers) {
			this.peers = peers;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		void validate() {
			for (int i = 0; i < this.peers.size(); i++) {
				try {
					StaticPeerDiscovery.parse(this.peers.get(i));
				}
				catch (IllegalArgumentException ex) {
					throw invalid("tcpnet.discovery.static.peers[" + i + "]", this.peers.get(i), ex.getMessage());
				}
			}
			requirePositive("tcpnet.discovery.static.refresh-interval", this.refreshInterval);
		}

	}

	/**
	 * Micrometer observations of sends, requests and deliveries.
	 */
	public static class Observations {

		/**
		 * Whether to observe sends, requests and deliveries when an ObservationRegistry
		 * bean exists.
		 */
		private boolean enabled = true;

		/**
		 * Whether observations carry the topic as a tag. Only for applications with a
		 * bounded set of topics: each topic makes a time series of its own.
		 */
		private boolean includeTopic;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isIncludeTopic() {
			return this.includeTopic;
		}

		public void setIncludeTopic(boolean includeTopic) {
			this.includeTopic = includeTopic;
		}

	}

}
