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

/**
 * The goals, checked on the medians of this run (only where both figures exist).
 */
final class Goals {

	private Goals() {
	}

	static void evaluate(Results results, String hazelcast) {
		String socket = ThroughputLatencyBench.SOCKET;
		for (String size : new String[] { "64 B", "1 KiB" }) {
			compare(results,
					Goal.atLeast("throughput " + size + ": at least 50% of the plain socket's messages/s",
							results.stats("throughput", size + " messages/s", Results.TCPNET),
							results.stats("throughput", size + " messages/s", socket), 0.5));
		}
		compare(results,
				Goal.atLeast("throughput 64 KiB: at least 80% of the plain socket's bytes/s",
						results.stats("throughput", "64 KiB MB/s", Results.TCPNET),
						results.stats("throughput", "64 KiB MB/s", socket), 0.8));
		compare(results,
				Goal.atMost("latency: round trip p50 within 1.5× of the plain socket's",
						results.stats("latency", "64 B round trip p50", Results.TCPNET),
						results.stats("latency", "64 B round trip p50", socket), 1.5));
		unix(results);
		for (int size = 2; size <= 64; size++) {
			Stats join = results.stats("formation", "join " + size + "+1, from its tcpnet start", Results.TCPNET);
			if (!join.isEmpty()) {
				results.goals.add(
						Goal.within("join " + size + "+1 within 1 s (ms, from the joiner's tcpnet start)", join, 1000));
			}
			compare(results, Goal.atMost("cold start, " + size + " nodes: at most half of " + hazelcast + "'s time",
					results.stats("formation", "cold start, " + size + " nodes, from last launch", Results.TCPNET),
					results.stats("formation", "cold start, " + size + " nodes, from last launch", hazelcast), 0.5));
		}
	}

	/**
	 * Over the Unix-domain socket: the TCP goals' ratios to the plain Unix socket, and a
	 * round trip at least 20% faster than tcpnet's over TCP loopback.
	 */
	private static void unix(Results results) {
		String section = UnixSocketBench.SECTION;
		String socket = UnixSocketBench.SOCKET;
		for (String size : new String[] { "64 B", "1 KiB" }) {
			compare(results,
					Goal.atLeast("unix " + size + ": at least 50% of the plain Unix socket's messages/s",
							results.stats(section, size + " messages/s", Results.TCPNET),
							results.stats(section, size + " messages/s", socket), 0.5));
		}
		compare(results,
				Goal.atLeast("unix 64 KiB: at least 80% of the plain Unix socket's bytes/s",
						results.stats(section, "64 KiB MB/s", Results.TCPNET),
						results.stats(section, "64 KiB MB/s", socket), 0.8));
		compare(results,
				Goal.atMost("unix latency: round trip p50 within 1.5× of the plain Unix socket's",
						results.stats(section, "64 B round trip p50", Results.TCPNET),
						results.stats(section, "64 B round trip p50", socket), 1.5));
		compare(results,
				Goal.atMost("unix latency: round trip p50 at least 20% below tcpnet over TCP loopback",
						results.stats(section, "64 B round trip p50", Results.TCPNET),
						results.stats(section, "64 B round trip p50", UnixSocketBench.TCP), 0.8));
	}

	private static void compare(Results results, Goal goal) {
		if (!Double.isNaN(goal.tcpnet()) && !Double.isNaN(goal.reference())) {
			results.goals.add(goal);
		}
	}

}
