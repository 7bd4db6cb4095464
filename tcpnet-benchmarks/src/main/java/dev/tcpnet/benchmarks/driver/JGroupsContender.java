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

package dev.tcpnet.benchmarks.driver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

/**
 * JGroups as the messaging peer of the throughput and latency section: two JVMs with the
 * same flags as the tcpnet nodes, each a channel with the stack of
 * {@code jgroups-bench.xml} (JGroups' {@code tcp.xml} on 127.0.0.1: TCP, TCPPING with
 * both members listed, UNICAST3, bundling), driven with the same commands as the tcpnet
 * pair.
 */
final class JGroupsContender {

	static final String NAME = "JGroups";

	static final String DESCRIPTION = "JGroups' tcp.xml stack (jgroups-bench.xml: TCP on 127.0.0.1 with"
			+ " tcp_nodelay, per-destination bundler, TCPPING with both members listed, UNICAST3, UFC; no"
			+ " multicast, diagnostics off); JChannel.send of a BytesMessage to the peer from one thread, flow"
			+ " control blocking the sender; counted and checked for order by a Receiver; round trips through a"
			+ " MessageDispatcher with RequestOptions.SYNC() answered by an echoing RequestHandler";

	private JGroupsContender() {
	}

	/**
	 * Starts both members and waits until each sees the other.
	 * @param launcher starts the processes
	 * @param children where the started processes go (closed by the caller)
	 * @param jvm the JVM options, the tcpnet nodes' own
	 * @return the pair: the first member sends, the second receives
	 */
	static ThroughputLatencyBench.Pair start(Launcher launcher, List<Child> children, List<String> jvm) {
		String cluster = Bench.cluster("bench-jgroups");
		int[] ports = freePorts();
		Child receiver = launcher.role("jgroups-receiver", null, jvm, "jgroups",
				List.of(cluster, Integer.toString(ports[1]), Integer.toString(ports[0])));
		children.add(receiver);
		// One member first: started together, each would find nobody within GMS's join
		// timeout, form a cluster of its own and wait for MERGE3 (10-30 s) to meet the
		// other.
		receiver.await(0, Child.tag("started"), Duration.ofSeconds(60));
		Child sender = launcher.role("jgroups-sender", null, jvm, "jgroups",
				List.of(cluster, Integer.toString(ports[0]), Integer.toString(ports[1])));
		children.add(sender);
		receiver.await(0, Child.tag("ready"), Duration.ofSeconds(60));
		sender.await(0, Child.tag("ready"), Duration.ofSeconds(60));
		return new ThroughputLatencyBench.Pair(NAME, sender, receiver, null, null);
	}

	/**
	 * Two ports free on 127.0.0.1 a moment ago: both members' TCPPING lists exactly them.
	 * @return the ports
	 */
	private static int[] freePorts() {
		try (ServerSocket one = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				ServerSocket two = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new int[] { one.getLocalPort(), two.getLocalPort() };
		}
		catch (IOException ex) {
			throw new BenchmarkException("no free port on 127.0.0.1: " + ex);
		}
	}

}
