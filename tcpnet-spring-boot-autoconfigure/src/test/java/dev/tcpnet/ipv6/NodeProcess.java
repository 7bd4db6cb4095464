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

package dev.tcpnet.ipv6;

import java.io.IOException;
import java.util.function.Consumer;

import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.support.TestNode;

/**
 * A {@link TestNode} as a process of its own, for tests that run nodes where the test JVM
 * cannot be (another network namespace). It prints
 * {@code CONNECTED <peer id> <remote address>} for each peer it connects to, and stops
 * when its standard input ends: when the test closes it, or dies.
 */
public final class NodeProcess {

	private NodeProcess() {
	}

	/**
	 * Runs a node until standard input ends.
	 * @param args {@code key=value} properties for the node
	 * @throws IOException if standard input fails
	 */
	public static void main(String[] args) throws IOException {
		TestNode node = TestNode.start(args);
		Consumer<PeerConnectedEvent> print = (event) -> System.out
			.println("CONNECTED " + event.getPeer().nodeId() + " " + event.getPeer().remoteAddress());
		node.context().addApplicationListener((event) -> {
			if (event instanceof PeerConnectedEvent connected) {
				print.accept(connected);
			}
		});
		// Connections made before the listener was added; one made in between prints
		// twice
		node.events(PeerConnectedEvent.class).forEach(print);
		while (System.in.read() != -1) {
			// Nothing is sent: only the end matters
		}
		node.close();
		System.exit(0);
	}

}
