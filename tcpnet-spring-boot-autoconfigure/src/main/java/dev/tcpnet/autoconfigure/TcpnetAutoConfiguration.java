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
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.TopicListener;
import dev.tcpnet.context.TcpnetBootstrap;
import dev.tcpnet.convert.TcpnetPayloadConverter;
import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.discovery.dns.DnsPeerDiscovery;
import dev.tcpnet.discovery.fixed.StaticPeerDiscovery;
import dev.tcpnet.discovery.mdns.MdnsPeerDiscovery;
import dev.tcpnet.mesh.Backoff;
import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.mesh.MeshSettings;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.NodeIdentity;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.transport.SharedSecret;
import dev.tcpnet.transport.TcpnetProtocol;
import dev.tcpnet.transport.TlsIdentity;
import dev.tcpnet.transport.TlsMaterial;
import dev.tcpnet.transport.Transport;
import dev.tcpnet.transport.netty.NettyTransport;

/**
 * Auto-configuration for the tcpnet mesh: identity, transport, registry, discovery, mesh
 * and the lifecycle bootstrap. Every bean backs off when the application defines its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { SslAutoConfiguration.class, TaskExecutionAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "tcpnet.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TcpnetProperties.class)
public final class TcpnetAutoConfiguration {

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
	@ConditionalOnMissingBean
	DefaultPeerRegistry tcpnetPeerRegistry(ApplicationEventPublisher publisher,
			ObjectProvider<TopicListener> topicListeners) {
		return new DefaultPeerRegistry(publisher, topicListeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean(Transport.class)
	NettyTransport tcpnetTransport(NodeIdentity identity, TcpnetProperties properties,
			ObjectProvider<SslBundles> sslBundles, Environment environment) {
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
				(secret != null) ? new SharedSecret(secret) : null, tls);
		NettyTransport transport = new NettyTransport(identity.cluster(), identity.nodeId(), identity.incarnation(),
				settings);
		transport.localAttributes(new LocalMetadata(properties.getMetadata(), environment));
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
	@ConditionalOnMissingBean
	Mesh tcpnet(Transport transport, DefaultPeerRegistry registry, NodeIdentity identity, TcpnetProperties properties,
			ObjectProvider<RequestHandler> handlers, ObjectProvider<TcpnetPayloadConverter> payloadConverter,
			@Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) ObjectProvider<Executor> applicationTaskExecutor) {
		// Stages chained to the futures of sends and requests run there: the
		// application's
		// executor (virtual threads with spring.threads.virtual.enabled), never a network
		// thread.
		Executor callbacks = applicationTaskExecutor.getIfAvailable(ForkJoinPool::commonPool);
		Mesh mesh = new Mesh(transport, registry, identity.nodeId(), identity.cluster(), identity.incarnation(),
				meshSettings(properties), handlers.orderedStream().toList(), callbacks);
		payloadConverter.ifUnique(mesh::setPayloadConverter);
		return mesh;
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

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "tcpnet.discovery.mdns.enabled", matchIfMissing = true)
	MdnsPeerDiscovery tcpnetMdnsDiscovery(TcpnetProperties properties, Environment environment) {
		TcpnetProperties.Mdns mdns = properties.getDiscovery().getMdns();
		return new MdnsPeerDiscovery(mdns.getInterfaces(), mdns.getServiceType(), TcpnetProtocol.VERSION,
				new LocalMetadata(properties.getMetadata(), environment));
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
	TcpnetBootstrap tcpnetBootstrap(Mesh mesh, Transport transport, DefaultPeerRegistry registry,
			ObjectProvider<PeerDiscovery> discoveries, TcpnetProperties properties,
			ApplicationEventPublisher publisher) {
		InetSocketAddress bindAddress = new InetSocketAddress(properties.getServer().getAddress(),
				properties.getServer().getPort());
		return new TcpnetBootstrap(mesh, transport, registry, discoveries.orderedStream().toList(), bindAddress,
				publisher, properties.getDiscovery().getNoPeerNotice());
	}

}
