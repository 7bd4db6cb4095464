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
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit Jupiter extension that runs a {@link TcpnetCluster} of the application for a
 * test class (a {@code static} field) or for each test (an instance field):
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static TcpnetClusterExtension cluster = TcpnetClusterExtension.of(OrdersApplication.class).nodes(3);
 *
 * &#64;Test
 * void everyNodeSeesTheOthers() {
 *     assertThat(cluster.node(1).tcpnet().peers()).hasSize(2);
 * }
 * </pre>
 *
 * The nodes are started, and connected to each other, before the first test (or each
 * test), and closed after the last.
 *
 * @since 0.1.0
 */
public final class TcpnetClusterExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final TcpnetCluster.Builder builder;

	private volatile @Nullable TcpnetCluster cluster;

	private volatile boolean perTest;

	private TcpnetClusterExtension(TcpnetCluster.Builder builder) {
		this.builder = builder;
	}

	/**
	 * Creates an extension that runs nodes of the given configuration (3 unless
	 * {@link #nodes(int)} says otherwise).
	 * @param sources the application's configuration
	 * @return the extension
	 */
	public static TcpnetClusterExtension of(Class<?>... sources) {
		return new TcpnetClusterExtension(TcpnetCluster.builder(sources));
	}

	/**
	 * Sets the number of nodes.
	 * @param size the number of nodes
	 * @return this extension
	 * @see TcpnetCluster.Builder#nodes(int)
	 */
	public TcpnetClusterExtension nodes(int size) {
		this.builder.nodes(size);
		return this;
	}

	/**
	 * Adds properties for every node, {@code key=value}.
	 * @param properties the properties
	 * @return this extension
	 * @see TcpnetCluster.Builder#properties(String...)
	 */
	public TcpnetClusterExtension properties(String... properties) {
		this.builder.properties(properties);
		return this;
	}

	/**
	 * Puts the nodes into a shared cluster.
	 * @param name the name of the shared cluster
	 * @return this extension
	 * @see TcpnetCluster.Builder#sharedCluster(String)
	 */
	public TcpnetClusterExtension sharedCluster(String name) {
		this.builder.sharedCluster(name);
		return this;
	}

	/**
	 * Sets how long to wait for every node to be connected to every other.
	 * @param timeout the timeout
	 * @return this extension
	 * @see TcpnetCluster.Builder#formationTimeout(Duration)
	 */
	public TcpnetClusterExtension formationTimeout(Duration timeout) {
		this.builder.formationTimeout(timeout);
		return this;
	}

	/**
	 * Returns the running cluster.
	 * @return the cluster
	 * @throws IllegalStateException outside the tests it runs for
	 */
	public TcpnetCluster cluster() {
		TcpnetCluster running = this.cluster;
		if (running == null) {
			throw new IllegalStateException("The cluster runs only while the tests run");
		}
		return running;
	}

	/**
	 * Returns the running nodes.
	 * @return the nodes
	 */
	public List<TcpnetNode> nodes() {
		return cluster().nodes();
	}

	/**
	 * Returns a running node by its number.
	 * @param index the node's number, from 1
	 * @return the node
	 */
	public TcpnetNode node(int index) {
		return cluster().node(index);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.cluster = this.builder.start();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		// Registered on an instance field, the extension sees no beforeAll.
		if (this.cluster == null) {
			this.perTest = true;
			this.cluster = this.builder.start();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.perTest) {
			stop();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	private void stop() {
		TcpnetCluster running = this.cluster;
		this.cluster = null;
		if (running != null) {
			running.close();
		}
	}

}
