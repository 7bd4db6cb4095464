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

import org.springframework.context.ConfigurableApplicationContext;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.peer.NodeId;

/**
 * One node of a {@link TcpnetCluster}: a running application context.
 *
 * @since 0.1.0
 */
public final class TcpnetNode {

	private final int index;

	private final ConfigurableApplicationContext context;

	TcpnetNode(int index, ConfigurableApplicationContext context) {
		this.index = index;
		this.context = context;
	}

	/**
	 * Returns the node's number in its cluster, from 1.
	 * @return the number
	 */
	public int index() {
		return this.index;
	}

	/**
	 * Returns the node's application context.
	 * @return the context
	 */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/**
	 * Returns the node's {@link Tcpnet} bean.
	 * @return the bean
	 */
	public Tcpnet tcpnet() {
		return this.context.getBean(Tcpnet.class);
	}

	/**
	 * Returns the node's id.
	 * @return the id
	 */
	public NodeId nodeId() {
		return tcpnet().localNode().nodeId();
	}

	/**
	 * Returns the port the node's acceptor is bound to.
	 * @return the port
	 */
	public int port() {
		return tcpnet().localNode().port();
	}

	/**
	 * Returns the node's single bean of a type.
	 * @param <T> the type
	 * @param type the type
	 * @return the bean
	 */
	public <T> T getBean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public String toString() {
		return "node " + this.index;
	}

}
