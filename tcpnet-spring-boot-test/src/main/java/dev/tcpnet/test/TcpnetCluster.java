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

package dev.tcpnet.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;

/**
 * Several nodes of an application in one JVM, for a test: each an application context of
 * the application's configuration, on loopback, all in one cluster of their own, started
 * one after the other and returned once every node is connected to every other.
 *
 * <pre class="code">
 * try (TcpnetCluster cluster = TcpnetCluster.builder(OrdersApplication.class).nodes(3).start()) {
 *     cluster.node(1).tcpnet().broadcast("orders", "hello");
 * }
 * </pre>
 *
 * In JUnit Jupiter tests {@link TcpnetClusterExtension} starts and closes one.
 *
 * @since 0.1.0
 */
public final class TcpnetCluster implements AutoCloseable {

	private final String name;

	private final List<TcpnetNode> nodes;

	private TcpnetCluster(String name, List<TcpnetNode> nodes) {
		this.name = name;
		this.nodes = List.copyOf(nodes);
	}

	/**
	 * Starts building a cluster of nodes of the given configuration (the application's
	 * {@code @SpringBootApplication} class, or any other sources a
	 * {@link SpringApplicationBuilder} takes).
	 * @param sources the application's configuration
	 * @return a builder
	 */
	public static Builder builder(Class<?>... sources) {
		return new Builder(sources);
	}

	/**
	 * Returns the cluster's name ({@code tcpnet.cluster} of every node).
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the nodes, in the order they were started.
	 * @return the nodes
	 */
	public List<TcpnetNode> nodes() {
		return this.nodes;
	}

	/**
	 * Returns a node by its number.
	 * @param index the node's number, from 1
	 * @return the node
	 */
	public TcpnetNode node(int index) {
		Assert.isTrue(index >= 1 && index <= this.nodes.size(),
				() -> "Node numbers are 1 to " + this.nodes.size() + ", not " + index);
		return this.nodes.get(index - 1);
	}

	/**
	 * Closes every node, all at once (each close says goodbye to the peers and stops
	 * discovery, which takes a while), and waits for them.
	 */
	@Override
	public void close() {
		closeAll(this.nodes);
	}

	private static void closeAll(List<TcpnetNode> nodes) {
		CompletableFuture<?>[] closes = nodes.stream()
			.map((node) -> CompletableFuture.runAsync(() -> node.context().close(),
					(task) -> new Thread(task, "tcpnet-cluster-close-" + node.index()).start()))
			.toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(closes).join();
	}

	/**
	 * Builds and starts a {@link TcpnetCluster}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Class<?>[] sources;

		private int size = 3;

		private final List<String> properties = new ArrayList<>();

		private @Nullable String sharedCluster;

		private Duration formationTimeout = Duration.ofSeconds(30);

		private Builder(Class<?>[] sources) {
			Assert.notEmpty(sources, "The application's configuration is needed");
			this.sources = sources.clone();
		}

		/**
		 * Sets the number of nodes (3 unless set).
		 * @param size the number of nodes, at least 1
		 * @return this builder
		 */
		public Builder nodes(int size) {
			Assert.isTrue(size >= 1, () -> "A cluster needs at least one node, not " + size);
			this.size = size;
			return this;
		}

		/**
		 * Adds properties for every node, {@code key=value}; they win over the
		 * application's configuration, as command-line arguments do.
		 * @param properties the properties
		 * @return this builder
		 */
		public Builder properties(String... properties) {
			for (String property : properties) {
				Assert.isTrue(property.indexOf('=') > 0, () -> "Properties are key=value, not '" + property + "'");
			}
			this.properties.addAll(Arrays.asList(properties));
			return this;
		}

		/**
		 * Puts the nodes into a cluster that test contexts annotated with
		 * {@link SharedTcpnetCluster} of the same name, and other clusters built with
		 * this name, join too. Unless set the nodes are a cluster of their own.
		 * @param name the name of the shared cluster
		 * @return this builder
		 */
		public Builder sharedCluster(String name) {
			this.sharedCluster = name;
			return this;
		}

		/**
		 * Sets how long {@link #start()} waits for every node to be connected to every
		 * other (30 seconds unless set).
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder formationTimeout(Duration timeout) {
			this.formationTimeout = timeout;
			return this;
		}

		/**
		 * Starts the nodes one after the other and waits until every node is connected to
		 * every other.
		 * @return the running cluster
		 * @throws IllegalStateException if the nodes are not all connected within the
		 * formation timeout; the nodes are closed then
		 */
		public TcpnetCluster start() {
			String cluster = (this.sharedCluster != null) ? TestClusterNames.shared(this.sharedCluster)
					: TestClusterNames.unique();
			List<TcpnetNode> nodes = new ArrayList<>();
			try {
				for (int index = 1; index <= this.size; index++) {
					nodes.add(new TcpnetNode(index, startNode(cluster, index)));
				}
				awaitFullMesh(nodes);
				return new TcpnetCluster(cluster, nodes);
			}
			catch (RuntimeException | Error ex) {
				closeAll(nodes);
				throw ex;
			}
		}

		private ConfigurableApplicationContext startNode(String cluster, int index) {
			List<String> args = new ArrayList<>();
			// Arguments come first among the property sources: over the application's
			// files.
			TcpnetTestContextCustomizer.properties(cluster).forEach((key, value) -> args.add("--" + key + "=" + value));
			if (this.sharedCluster == null) {
				// Readable ids; in a shared cluster other nodes could have them too.
				args.add("--tcpnet.node-id=node-" + index);
			}
			args.add("--server.port=0");
			this.properties.forEach((property) -> args.add("--" + property));
			return new SpringApplicationBuilder(this.sources).run(args.toArray(String[]::new));
		}

		private void awaitFullMesh(List<TcpnetNode> nodes) {
			long deadline = System.nanoTime() + this.formationTimeout.toNanos();
			while (!isFullMesh(nodes)) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("The " + nodes.size() + " nodes did not all connect within "
							+ this.formationTimeout + ": " + describe(nodes));
				}
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for the nodes to connect", ex);
				}
			}
		}

		private static boolean isFullMesh(List<TcpnetNode> nodes) {
			Set<NodeId> all = nodes.stream().map(TcpnetNode::nodeId).collect(Collectors.toSet());
			return nodes.stream().allMatch((node) -> peerIds(node).containsAll(minus(all, node.nodeId())));
		}

		private static Set<NodeId> minus(Set<NodeId> ids, NodeId id) {
			return ids.stream().filter((other) -> !other.equals(id)).collect(Collectors.toSet());
		}

		private static Set<NodeId> peerIds(TcpnetNode node) {
			return node.tcpnet().peers().stream().map(Peer::nodeId).collect(Collectors.toSet());
		}

		private static String describe(List<TcpnetNode> nodes) {
			return nodes.stream()
				.map((node) -> node.nodeId() + " (port " + node.port() + ") sees " + peerIds(node))
				.collect(Collectors.joining("; "));
		}

	}

}
