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

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.Assert;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.Tcpnet;
import dev.tcpnet.TopicListener;
import dev.tcpnet.context.TcpnetBootstrap;
import dev.tcpnet.convert.TcpnetPayloadConverter;
import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.discovery.dns.DnsPeerDiscovery;
import dev.tcpnet.discovery.fixed.StaticPeerDiscovery;
import dev.tcpnet.discovery.mdns.MdnsPeerDiscovery;
import dev.tcpnet.discovery.mdns.TcpnetMdnsCustomizer;
import dev.tcpnet.mesh.Backoff;
import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.mesh.MeshSettings;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.NodeIdentity;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.registry.PeerRegistry;
import dev.tcpnet.transport.SharedSecret;
import dev.tcpnet.transport.TcpnetProtocol;
import dev.tcpnet.transport.TlsIdentity;
import dev.tcpnet.transport.TlsMaterial;
import dev.tcpnet.transport.Transport;
import dev.tcpnet.transport.netty.NettyTransport;
import dev.tcpnet.transport.netty.TcpnetTransportCustomizer;
import dev.tcpnet.transport.netty.UnixSocketDirectory;

/**
 * Auto-configuration for the tcpnet mesh: identity, transport, registry, discovery, mesh
 * and the lifecycle bootstrap. Every bean backs off when the application defines its own
 * of the type the application sees: a {@link Tcpnet} bean replaces the mesh (and the
 * bootstrap, which runs the mesh), a {@link PeerRegistry} the registry, a
 * {@link Transport} the Netty transport, any {@link PeerDiscovery} the default mDNS
 * discovery.
 *
 * <p>
 * Threads: request handlers that may block run on the
 * {@value #REQUEST_EXECUTOR_BEAN_NAME} executor (virtual threads with
 * {@code spring.threads.virtual.enabled=true}, else a pool sized by
 * {@code tcpnet.requests.*}); listeners and events run on one event thread (virtual with
 * virtual threads enabled), or on a {@value #EVENT_EXECUTOR_BEAN_NAME} bean; the futures'
 * stages run on the application task executor. None runs on a network thread.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { SslAutoConfiguration.class, TaskExecutionAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "tcpnet.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TcpnetProperties.class)
public final class TcpnetAutoConfiguration {

	/**
	 * The name of the executor that runs request handlers that may block. Define a bean
	 * of this name to choose it.
	 */
	public static final String REQUEST_EXECUTOR_BEAN_NAME = "tcpnetRequestExecutor";

	/**
	 * The name of an executor, absent by default, that publishes events and runs the
	 * listeners instead of tcpnet's event thread. It must run its tasks one at a time, in
	 * the order they were submitted: listeners rely on that order.
	 */
	public static final String EVENT_EXECUTOR_BEAN_NAME = "tcpnetEventExecutor";

	private static final String REQUEST_THREAD_PREFIX = "tcpnet-requests-";

	private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

	@Bean
	@ConditionalOnMissingBean
	NodeIdentity tcpnetNodeIdentity(TcpnetProperties properties, Environment environment) {
		return identity(properties, environment);
	}

	// Shared with the stand-alone node (tcpnet.enabled=false), so both name themselves
	// alike.
	static NodeIdentity identity(TcpnetProperties properties, Environment environment) {
		String cluster = (properties.getCluster() != null) ? properties.getCluster()
				: environment.getProperty("spring.application.name", "tcpnet");
		NodeId nodeId = (properties.getNodeId() != null) ? NodeId.of(properties.getNodeId()) : NodeId.random();
		return new NodeIdentity(nodeId, cluster, System.currentTimeMillis());
	}

	@Bean
	@ConditionalOnMissingBean(PeerRegistry.class)
	DefaultPeerRegistry tcpnetPeerRegistry(ApplicationEventPublisher publisher,
			ObjectProvider<TopicListener> topicListeners,
			@Qualifier(EVENT_EXECUTOR_BEAN_NAME) ObjectProvider<Executor> eventExecutor, Environment environment) {
		List<TopicListener> listeners = topicListeners.orderedStream().toList();
		Executor events = eventExecutor.getIfAvailable();
		if (events != null) {
			return new DefaultPeerRegistry(publisher, listeners, events);
		}
		if (Threading.VIRTUAL.isActive(environment)) {
			return new DefaultPeerRegistry(publisher, listeners,
					new VirtualThreadTaskExecutor("tcpnet-events-").getVirtualThreadFactory());
		}
		return new DefaultPeerRegistry(publisher, listeners);
	}

	@Bean
	@ConditionalOnMissingBean(Transport.class)
	NettyTransport tcpnetTransport(NodeIdentity identity, TcpnetProperties properties,
			ObjectProvider<SslBundles> sslBundles, Environment environment,
			ObjectProvider<TcpnetTransportCustomizer> customizers) {
		String bundleName = properties.getSsl().getBundle();
		SslBundles bundles = (bundleName != null) ? requireSslBundles(sslBundles) : null;
		TlsIdentity tlsIdentity = properties.getSsl().getIdentity();
		TlsMaterial tls = (bundles != null) ? tlsMaterial(bundles.getBundle(bundleName), tlsIdentity) : null;
		String secret = properties.getSecurity().resolveSecret();
		TcpnetProperties.Heartbeat heartbeat = properties.getHeartbeat();
		Duration writeTimeout = writeTimeout(heartbeat);
		NettyTransport.Settings settings = new NettyTransport.Settings(properties.getConnectTimeout(),
				properties.getHandshakeTimeout(), heartbeat.getInterval(), heartbeat.getTimeout(), writeTimeout,
				(int) properties.getMaxFrameSize().toBytes(), properties.getMaxPendingHandshakes(),
				Math.min(Runtime.getRuntime().availableProcessors(), 4), properties.getServer().isNativeTransport(),
				(secret != null) ? new SharedSecret(secret) : null, tls, properties.getServer().getBusyPoll());
		NettyTransport transport = new NettyTransport(identity.cluster(), identity.nodeId(), identity.incarnation(),
				settings, customizers.orderedStream().toList());
		transport.localAttributes(new LocalMetadata(properties.getMetadata(), environment));
		UnixSocketDirectory unixSockets = UnixSocketSupport.directory(properties.getServer().getUnixSocket());
		if (unixSockets != null) {
			transport.unixSocket(unixSockets);
		}
		if (bundles != null) {
			bundles.addBundleUpdateHandler(bundleName,
					(updated) -> transport.updateTls(tlsMaterial(updated, tlsIdentity)));
		}
		return transport;
	}

	private static SslBundles requireSslBundles(ObjectProvider<SslBundles> sslBundles) {
		SslBundles bundles = sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new InvalidConfigurationPropertyValueException("tcpnet.ssl.bundle", "",
					"no SslBundles bean: define the bundle under 'spring.ssl.bundle.*'");
		}
		return bundles;
	}

	private static TlsMaterial tlsMaterial(SslBundle bundle, TlsIdentity identity) {
		SslOptions options = bundle.getOptions();
		return new TlsMaterial(bundle.getManagers().getKeyManagerFactory(),
				bundle.getManagers().getTrustManagerFactory(), listOrNull(options.getEnabledProtocols()),
				listOrNull(options.getCiphers()), identity);
	}

	private static @Nullable List<String> listOrNull(String @Nullable [] values) {
		return (values != null) ? List.of(values) : null;
	}

	@Bean
	@ConditionalOnMissingBean(Tcpnet.class)
	Mesh tcpnet(Transport transport, DefaultPeerRegistry registry, NodeIdentity identity, TcpnetProperties properties,
			ObjectProvider<RequestHandler> handlers, ObjectProvider<TcpnetPayloadConverter> payloadConverter,
			@Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) ObjectProvider<Executor> applicationTaskExecutor,
			@Qualifier(REQUEST_EXECUTOR_BEAN_NAME) Executor requestExecutor) {
		// Stages chained to the futures of sends and requests run there: the
		// application's executor (virtual threads with spring.threads.virtual.enabled),
		// never a network thread.
		Executor callbacks = applicationTaskExecutor.getIfAvailable(ForkJoinPool::commonPool);
		Mesh mesh = new Mesh(transport, registry, identity.nodeId(), identity.cluster(), identity.incarnation(),
				meshSettings(properties), handlers.orderedStream().toList(), callbacks, requestExecutor,
				maxRequestsInFlight(requestExecutor, properties.getRequests()));
		payloadConverter.ifUnique(mesh::setPayloadConverter);
		return mesh;
	}

	/**
	 * The requests a request executor may hold: a pool's threads and its queue; the queue
	 * capacity alone for an executor that never queues (virtual threads) or whose threads
	 * are unknown.
	 */
	static int maxRequestsInFlight(Executor executor, TcpnetProperties.Requests requests) {
		int threads = (executor instanceof ThreadPoolTaskExecutor pool) ? pool.getMaxPoolSize() : 0;
		return (int) Math.min(Integer.MAX_VALUE, (long) threads + requests.getQueueCapacity());
	}

	private static Duration writeTimeout(TcpnetProperties.Heartbeat heartbeat) {
		return (heartbeat.getWriteTimeout() != null) ? heartbeat.getWriteTimeout() : heartbeat.getTimeout();
	}

	static MeshSettings meshSettings(TcpnetProperties properties) {
		TcpnetProperties.Reconnect reconnect = properties.getReconnect();
		TcpnetProperties.Delivery delivery = properties.getDelivery();
		Backoff backoff = new Backoff(reconnect.getInitialDelay(), reconnect.getMaxDelay(), reconnect.getMultiplier(),
				reconnect.getJitter());
		Duration giveUpAfter = (reconnect.getGiveUpAfter() != null) ? reconnect.getGiveUpAfter()
				: delivery.getBufferTimeout();
		return new MeshSettings(properties.getHandshakeTimeout(), properties.getMaxPeers(), backoff, giveUpAfter,
				delivery.getAckInterval(), delivery.getBufferMax(), delivery.getBufferMaxSize().toBytes(),
				delivery.getBufferTimeout(), properties.getHeartbeat().getInterval(),
				delivery.getReceiveBufferMaxSize().toBytes(), writeTimeout(properties.getHeartbeat()));
	}

	// Any discovery of the application's replaces mDNS, the one on by default; static
	// and DNS discovery, on only when configured, stay.
	@Bean
	@ConditionalOnMissingBean(PeerDiscovery.class)
	@ConditionalOnBooleanProperty(name = "tcpnet.discovery.mdns.enabled", matchIfMissing = true)
	MdnsPeerDiscovery tcpnetMdnsDiscovery(TcpnetProperties properties, Environment environment,
			ObjectProvider<TcpnetMdnsCustomizer> customizers, ObjectProvider<NettyTransport> transport) {
		TcpnetProperties.Mdns mdns = properties.getDiscovery().getMdns();
		MdnsPeerDiscovery discovery = new MdnsPeerDiscovery(mdns.getInterfaces(), mdns.getServiceType(),
				TcpnetProtocol.VERSION, new LocalMetadata(properties.getMetadata(), environment),
				customizers.orderedStream().toList());
		// With the host identity and socket file, nodes of one host dial the file at once
		transport.ifUnique((netty) -> discovery.transportAttributes(netty::sameHostAttributes));
		return discovery;
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnStaticPeersCondition.class)
	StaticPeerDiscovery tcpnetStaticDiscovery(TcpnetProperties properties) {
		TcpnetProperties.Static seeds = properties.getDiscovery().getStaticDiscovery();
		return new StaticPeerDiscovery(seeds.getPeers(), seeds.getRefreshInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty("tcpnet.discovery.dns.name")
	DnsPeerDiscovery tcpnetDnsDiscovery(TcpnetProperties properties) {
		TcpnetProperties.Dns dns = properties.getDiscovery().getDns();
		String name = dns.getName();
		Assert.state(name != null, "'tcpnet.discovery.dns.name' must be set");
		return new DnsPeerDiscovery(name, dns.getPort(), dns.getRefreshInterval(), dns.getServer());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ Mesh.class, DefaultPeerRegistry.class })
	TcpnetBootstrap tcpnetBootstrap(Mesh mesh, Transport transport, DefaultPeerRegistry registry,
			ObjectProvider<PeerDiscovery> discoveries, TcpnetProperties properties, ApplicationEventPublisher publisher,
			Environment environment) {
		InetSocketAddress bindAddress = new InetSocketAddress(properties.getServer().getAddress(),
				properties.getServer().getPort());
		return new TcpnetBootstrap(mesh, transport, registry, discoveries.orderedStream().toList(), bindAddress,
				publisher, properties.getDiscovery().getNoPeerNotice(), drainTimeout(environment));
	}

	/**
	 * Half the time a shutdown phase may take: the rest is for the goodbyes, closing
	 * JmDNS (two seconds) and the sockets.
	 */
	static Duration drainTimeout(Environment environment) {
		Duration phase = Binder.get(environment)
			.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
		return phase.dividedBy(2);
	}

	/**
	 * Runs request handlers that may block on a pool of platform threads: core and
	 * maximum size {@code tcpnet.requests.pool.size}. Its queue is unbounded: the mesh
	 * bounds the requests it holds itself ({@code tcpnet.requests.queue-capacity}), and
	 * refuses the rest with a reply. It accepts tasks until it is destroyed, after the
	 * node has stopped, so that requests answered while the node drains still run.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnThreading(Threading.PLATFORM)
	static class PlatformRequestExecutorConfiguration {

		@Bean(name = REQUEST_EXECUTOR_BEAN_NAME)
		@ConditionalOnMissingBean(name = REQUEST_EXECUTOR_BEAN_NAME)
		ThreadPoolTaskExecutor tcpnetRequestExecutor(TcpnetProperties properties) {
			int threads = properties.getRequests().getPool().getSize();
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutorBuilder().corePoolSize(threads)
				.maxPoolSize(threads)
				.queueCapacity(Integer.MAX_VALUE)
				.threadNamePrefix(REQUEST_THREAD_PREFIX)
				.acceptTasksAfterContextClose(true)
				.build();
			// The node's keep-alive thread is what keeps the JVM running.
			executor.setDaemon(true);
			return executor;
		}

	}

	/**
	 * Runs each request whose handler may block on a virtual thread of its own, as Boot's
	 * application task executor does with {@code spring.threads.virtual.enabled=true}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnThreading(Threading.VIRTUAL)
	static class VirtualRequestExecutorConfiguration {

		@Bean(name = REQUEST_EXECUTOR_BEAN_NAME)
		@ConditionalOnMissingBean(name = REQUEST_EXECUTOR_BEAN_NAME)
		SimpleAsyncTaskExecutor tcpnetRequestExecutor() {
			return new SimpleAsyncTaskExecutorBuilder().virtualThreads(true)
				.threadNamePrefix(REQUEST_THREAD_PREFIX)
				.build();
		}

	}

}
