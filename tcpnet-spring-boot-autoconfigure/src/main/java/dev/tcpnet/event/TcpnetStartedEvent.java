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

package dev.tcpnet.event;

import org.springframework.context.ApplicationEvent;

import dev.tcpnet.peer.LocalNode;

/**
 * Published once the acceptor is bound and before discovery starts: the node's bound port
 * and addresses are known (the node original's {@code listening} event). Published from
 * the thread that starts the application context.
 *
 * @since 0.1.0
 */
public class TcpnetStartedEvent extends ApplicationEvent {

	private final LocalNode localNode;

	public TcpnetStartedEvent(Object source, LocalNode localNode) {
		super(source);
		this.localNode = localNode;
	}

	/**
	 * Returns this node, with its bound port and addresses.
	 * @return the local node
	 */
	public LocalNode getLocalNode() {
		return this.localNode;
	}

	/**
	 * Returns the port the acceptor is bound to.
	 * @return the bound port
	 */
	public int getPort() {
		return this.localNode.port();
	}

}
