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

package dev.tcpnet.context;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.event.TcpnetStartedEvent;
import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.registry.CloseReason;
import dev.tcpnet.registry.DefaultPeerRegistry;
import dev.tcpnet.transport.Transport;

/**
 * Starts and stops the node with the application context. Start: bind the acceptor,
 * publish {@link TcpnetStartedEvent}, start discovery. Stop, off the caller's thread
 * ({@link #stop(Runnable)}): wait for the peers to acknowledge what was sent to them
 * (bounded by the drain timeout), goodbye to every peer, wait for the application's
 * executor to start the completions of the futures that failed (bounded too), stop
 * discovery (closing JmDNS takes about two seconds), close the sockets and publish the
 * last events.
 *
 * <p>
 * A running node keeps the JVM alive, as Spring Kafka's and Spring AMQP's listener
 * containers do: every tcpnet thread is a daemon, so a worker application without a web
 * server would otherwise exit right after it started. One non-daemon thread,
 * {@code tcpnet-keep-alive}, sleeps from {@link #start()} until the node has stopped.
 *
 * @since 0.1.0
 */
public class TcpnetBootstrap implements SmartLifecycle {

	/**
	 * The lifecycle phase: below the web server's graceful shutdown
	 * ({@code DEFAULT_PHASE - 1024}) and above the web server's stop
	 * ({@code DEFAULT_PHASE - 2048}). The node stops after the HTTP requests in progress
	 * have drained, so that they can still send and request over the mesh, and before the
	 * web server itself stops; it starts after the web server.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

	private static final Logger logger = LoggerFactory.getLogger(TcpnetBootstrap.class);

	private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * How long a stop waits for the application's executor to start the completions of
	 * the futures it failed.
	 */
	private static final Duration CALLBACKS_TIMEOUT = Duration.ofSeconds(5);

	private final Mesh mesh;

	private final Transport transport;

	private final DefaultPeerRegistry registry;

	private final List<PeerDiscovery> discoveries;

	private final InetSocketAddress bindAddress;

	private final ApplicationEventPublisher publisher;

	private final Duration noPeerNotice;

	private final Duration drainTimeout;

	private final AtomicReference<@Nullable Thread> keepAlive = new AtomicReference<>();

	private volatile boolean running;

	/**
	 * Creates the bootstrap.
	 * @param mesh the mesh
	 * @param transport the transport
	 * @param registry the registry
	 * @param discoveries the discovery mechanisms
	 * @param bindAddress where the acceptor binds
	 * @param publisher where {@link TcpnetStartedEvent} goes
	 * @param noPeerNotice after how long without any peer one INFO line says what
	 * discovery does and what to try
	 */
	public TcpnetBootstrap(Mesh mesh, Transport transport, DefaultPeerRegistry registry,
			List<PeerDiscovery> discoveries, InetSocketAddress bindAddress, ApplicationEventPublisher publisher,
			Duration noPeerNotice) {
		this(mesh, transport, registry, discoveries, bindAddress, publisher, noPeerNotice, Duration.ofSeconds(5));
	}

	/**
	 * Creates the bootstrap.
	 * @param mesh the mesh
	 * @param transport the transport
	 * @param registry the registry
	 * @param discoveries the discovery mechanisms
	 * @param bindAddress where the acceptor binds
	 * @param publisher where {@link TcpnetStartedEvent} goes
	 * @param noPeerNotice after how long without any peer one INFO line says what
	 * discovery does and what to try
	 * @param drainTimeout how long a stop waits at most for the peers to acknowledge the
	 * messages sent to them before it says goodbye
	 */
	public TcpnetBootstrap(Mesh mesh, Transport transport, DefaultPeerRegistry registry,
			List<PeerDiscovery> discoveries, InetSocketAddress bindAddress, ApplicationEventPublisher publisher,
			Duration noPeerNotice, Duration drainTimeout) {
		this.drainTimeout = drainTimeout;
		this.mesh = mesh;
		this.transport = transport;
		this.registry = registry;
		this.discoveries = List.copyOf(discoveries);
		this.bindAddress = bindAddress;
		this.publisher = publisher;
		this.noPeerNotice = noPeerNotice;
	}

	@Override
	public void start() {
		LocalNode node = this.mesh.start(this.bindAddress);
		logger.info("tcpnet node {} of cluster '{}' listening on {}:{}", node.nodeId(), node.cluster(),
				this.bindAddress.getAddress().getHostAddress(), node.port());
		this.publisher.publishEvent(new TcpnetStartedEvent(this, node));
		for (PeerDiscovery discovery : this.discoveries) {
			discovery.start(node, this.mesh::sighted);
		}
		this.running = true;
		startKeepAlive(node);
	}

	// One line, once, for the person wondering why nothing connects.
	private void noticeIfAlone(LocalNode node) {
		if (!this.running || this.registry.size() > 0 || this.registry.counters().connectionsClosed(CloseReason.LOST)
				+ this.registry.counters().connectionsClosed(CloseReason.LEFT) > 0) {
			return;
		}
		String discovery = this.discoveries.isEmpty() ? "none"
				: this.discoveries.stream().map((d) -> d.mechanism() + " " + d.details()).toList().toString();
		logger.info("No peer found after {}. Node {} of cluster '{}' listens on port {}; discovery: {}. Try: start "
				+ "another node with the same cluster name; check that the firewall lets TCP port {} and UDP 5353 "
				+ "(mDNS) through; pick the interface with tcpnet.discovery.mdns.interfaces; where multicast does "
				+ "not reach, set tcpnet.discovery.static.peers or tcpnet.discovery.dns.name.",
				readable(this.noPeerNotice), node.nodeId(), node.cluster(), node.port(), discovery, node.port());
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		newThread("tcpnet-stop", () -> {
			try {
				this.mesh.drain(this.drainTimeout);
				this.mesh.leave();
				this.mesh.awaitCallbacks(CALLBACKS_TIMEOUT);
				stopDiscoveries();
				this.transport.close();
				this.registry.close(EVENTS_TIMEOUT);
				logger.info("tcpnet node stopped");
			}
			finally {
				stopKeepAlive();
				callback.run();
			}
		});
	}

	// As SpringApplication's own keep-alive (spring.main.keep-alive) does it. The thread
	// has nothing else to do, so it also says when no peer was found: no timer thread
	// for one line
	private void startKeepAlive(LocalNode node) {
		Thread thread = new Thread(() -> noticeThenSleepUntilInterrupted(node), "tcpnet-keep-alive");
		if (this.keepAlive.compareAndSet(null, thread)) {
			thread.setDaemon(false);
			thread.start();
		}
	}

	private void stopKeepAlive() {
		Thread thread = this.keepAlive.getAndSet(null);
		if (thread != null) {
			thread.interrupt();
		}
	}

	private void noticeThenSleepUntilInterrupted(LocalNode node) {
		try {
			Thread.sleep(this.noPeerNotice.toMillis());
			noticeIfAlone(node);
			Thread.sleep(Long.MAX_VALUE);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void stopDiscoveries() {
		CompletableFuture<?>[] stops = this.discoveries.stream()
			.map((discovery) -> CompletableFuture.runAsync(discovery::stop,
					(task) -> newThread("tcpnet-stop-" + discovery.mechanism(), task)))
			.toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(stops).join();
	}

	private static String readable(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	private static void newThread(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
