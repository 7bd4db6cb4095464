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
 * The goals, checked on the medians of this run (only where both figures exist):
 * throughput against the plain socket (the limit) and against JGroups (the messaging
 * peer), round trips against both and against tcpnet's own median, formation against
 * Hazelcast.
 */
final class Goals {

	private Goals() {
	}

	static void evaluate(Results results, String hazelcast) {
		String socket = ThroughputLatencyBench.SOCKET;
		String jgroups = JGroupsContender.NAME;
		messages(results, "64 B", socket, 0.25, jgroups, 2);
		messages(results, "1 KiB", socket, 0.65, jgroups, 1.5);
		bytes(results, socket);
		Stats p50 = results.stats("latency", "64 B round trip p50", Results.TCPNET);
		compare(results, Goal.atMost("latency: round trip p50 at most 1.25× the plain socket's", p50,
				results.stats("latency", "64 B round trip p50", socket), 1.25));
		compare(results, Goal.atMost("latency: round trip p50 below " + possessive(jgroups) + " p50", p50,
				results.stats("latency", "64 B round trip p50", jgroups), 1));
		compare(results, Goal.atMost("latency: round trip p99 at most 2× tcpnet's own p50",
				results.stats("latency", "64 B round trip p99", Results.TCPNET), p50, 2));
		polling(results, socket);
		unix(results);
		for (int size = 2; size <= 64; size++) {
			Stats join = results.stats("formation", "join " + size + "+1, from its tcpnet start", Results.TCPNET);
			if (!join.isEmpty()) {
				results.goals.add(
						Goal.within("join " + size + "+1 within 1 s (ms, from the joiner's tcpnet start)", join, 1000));
			}
			coldStart(results, hazelcast, size);
		}
		scale(results);
		String startUp = StartupBench.webFromJvm();
		compare(results,
				Goal.atMost("start-up: a minimal web app with the starter at most 1.10× its time without it",
						results.stats("start-up", startUp, Results.TCPNET),
						results.stats("start-up", startUp, StartupBench.WITHOUT), 1.10));
	}

	/**
	 * The cold-start goal, and the same comparison above the floor that no clustering
	 * library can lower: the same Boot applications started without clustering. On a
	 * machine where that floor alone takes more than half of Hazelcast's time, the first
	 * goal cannot be met by any library; the second compares what each library adds.
	 * @param results the run's results
	 * @param hazelcast the name Hazelcast's figures have in the results
	 * @param size the cluster size
	 */
	private static void coldStart(Results results, String hazelcast, int size) {
		String name = "cold start, " + size + " nodes, from last launch";
		Stats tcpnet = results.stats("formation", name, Results.TCPNET);
		Stats peer = results.stats("formation", name, hazelcast);
		compare(results,
				Goal.atMost("cold start, " + size + " nodes: at most half of " + possessive(hazelcast) + " time",
						tcpnet, peer, 0.5));
		Stats alone = results.stats("formation", name, FormationBench.BOOT_ALONE);
		if (!alone.isEmpty()) {
			compare(results,
					Goal.atMost(
							"cold start, " + size + " nodes, above the same apps without clustering: at most half of "
									+ possessive(hazelcast) + " time above them (ms)",
							above(tcpnet, alone), above(peer, alone), 0.5));
		}
	}

	/** The median's excess over a floor's median; the only figure a goal reads. */
	private static Stats above(Stats stats, Stats floor) {
		double median = stats.median() - floor.median();
		return new Stats(stats.n(), median, median, median, median, median);
	}

	/**
	 * The scale curve's goals (issue 20): absolute bounds on tcpnet's own figures.
	 * @param results the run's results
	 */
	private static void scale(Results results) {
		Stats mesh = results.stats(ScaleBench.SECTION, ScaleBench.meshFromStart(32), Results.TCPNET);
		if (!mesh.isEmpty()) {
			results.goals.add(Goal.within("scale: 32 nodes form a full mesh within 10 s of the last tcpnet start (ms)",
					mesh, 10_000));
		}
		Stats cpu = results.stats(ScaleBench.SECTION, ScaleBench.idleCpu(32), Results.TCPNET);
		if (!cpu.isEmpty()) {
			results.goals.add(Goal.within("scale: idle CPU per node at 31 peers at most 1% of a core (%)", cpu, 1));
		}
		Stats slope = results.stats(ScaleBench.SECTION, ScaleBench.HEAP_SLOPE, Results.TCPNET);
		if (!slope.isEmpty()) {
			results.goals.add(Goal.within("scale: heap growth per peer at most 100 KiB (KiB)", slope, 100));
		}
	}

	// The goals apply to tcpnet's best public path (issue 20): per-message send or a
	// TopicStream, whichever had the higher median; the goal's text names it.
	private static void messages(Results results, String size, String socket, double ofSocket, String peer,
			double ofPeer) {
		Stats tcpnet = results.stats("throughput", size + " messages/s", Results.TCPNET);
		String path = "send";
		Stats stream = results.stats("throughput", size + " messages/s, " + ThroughputLatencyBench.STREAM_ROWS,
				Results.TCPNET);
		if (!stream.isEmpty() && (tcpnet.isEmpty() || stream.median() > tcpnet.median())) {
			tcpnet = stream;
			path = "TopicStream";
		}
		compare(results,
				Goal.atLeast(
						Format.f("throughput %s (%s): at least %.2f× the plain socket's messages/s", size, path,
								ofSocket),
						tcpnet, results.stats("throughput", size + " messages/s", socket), ofSocket));
		compare(results,
				Goal.atLeast(
						Format.f("throughput %s (%s): at least %.1f× %s messages/s", size, path, ofPeer,
								possessive(peer)),
						tcpnet, results.stats("throughput", size + " messages/s", peer), ofPeer));
	}

	private static void bytes(Results results, String socket) {
		Stats tcpnet = results.stats("throughput", "64 KiB MB/s", Results.TCPNET);
		String path = "send";
		Stats stream = results.stats("throughput", "64 KiB messages/s, " + ThroughputLatencyBench.STREAM_ROWS,
				Results.TCPNET);
		Stats sendMessages = results.stats("throughput", "64 KiB messages/s", Results.TCPNET);
		if (!stream.isEmpty() && !sendMessages.isEmpty() && stream.median() > sendMessages.median()) {
			// The stream rows count messages; 64 KiB each, as the send rows' bytes.
			double mb = 65536 / 1e6;
			tcpnet = new Stats(stream.n(), stream.median() * mb, stream.min() * mb, stream.max() * mb, stream.q1() * mb,
					stream.q3() * mb);
			path = "TopicStream";
		}
		compare(results, Goal.atLeast("throughput 64 KiB (" + path + "): at least 0.95× the plain socket's bytes/s",
				tcpnet, results.stats("throughput", "64 KiB MB/s", socket), 0.95));
	}

	private static String possessive(String name) {
		return name + (name.endsWith("s") ? "'" : "'s");
	}

	/**
	 * Over the Unix-domain socket: the TCP goals' ratios to the plain Unix socket, and a
	 * round trip at least 20% faster than tcpnet's over TCP loopback.
	 */
	private static void unix(Results results) {
		String section = UnixSocketBench.SECTION;
		String socket = UnixSocketBench.SOCKET;
		unixMessages(results, "64 B", 0.25);
		unixMessages(results, "1 KiB", 0.65);
		compare(results,
				Goal.atLeast("unix 64 KiB: at least 0.95× the plain Unix socket's bytes/s",
						results.stats(section, "64 KiB MB/s", Results.TCPNET),
						results.stats(section, "64 KiB MB/s", socket), 0.95));
		compare(results,
				Goal.atMost("unix latency: round trip p50 at most 1.25× the plain Unix socket's",
						results.stats(section, "64 B round trip p50", Results.TCPNET),
						results.stats(section, "64 B round trip p50", socket), 1.25));
		compare(results,
				Goal.atMost("unix latency: round trip p50 at least 20% below tcpnet over TCP loopback",
						results.stats(section, "64 B round trip p50", Results.TCPNET),
						results.stats(section, "64 B round trip p50", UnixSocketBench.TCP), 0.8));
	}

	private static void unixMessages(Results results, String size, double ofSocket) {
		compare(results,
				Goal.atLeast(Format.f("unix %s: at least %.2f× the plain Unix socket's messages/s", size, ofSocket),
						results.stats(UnixSocketBench.SECTION, size + " messages/s", Results.TCPNET),
						results.stats(UnixSocketBench.SECTION, size + " messages/s", UnixSocketBench.SOCKET),
						ofSocket));
	}

	/**
	 * The round-trip goals for the pair with {@code tcpnet.server.busy-poll}, the setting
	 * the README gives for round trips that follow each other closely. The default pair's
	 * lines stay beside them: polling costs CPU, and is not the default.
	 * @param results the run's results
	 * @param socket the plain socket's name
	 */
	private static void polling(Results results, String socket) {
		String variant = ThroughputLatencyBench.POLLING;
		String name = ThroughputLatencyBench.ROUND_TRIP;
		String setting = "latency with tcpnet.server.busy-poll=" + ThroughputLatencyBench.BUSY_POLL;
		Stats p50 = results.stats("latency", name + " p50, " + variant, Results.TCPNET);
		compare(results, Goal.atMost(setting + ": round trip p50 at most 1.25× the plain socket's", p50,
				results.stats("latency", name + " p50", socket), 1.25));
		compare(results, Goal.atMost(setting + ": round trip p99 at most 2× its own p50",
				results.stats("latency", name + " p99, " + variant, Results.TCPNET), p50, 2));
	}

	private static void compare(Results results, Goal goal) {
		if (!Double.isNaN(goal.tcpnet()) && !Double.isNaN(goal.reference())) {
			results.goals.add(goal);
		}
	}

}
