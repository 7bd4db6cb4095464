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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.tcpnet.benchmarks.driver.Child.Line;

/**
 * Cluster formation: N separate JVMs started together, then one more joining the running
 * cluster; tcpnet (zero configuration: mDNS) against Hazelcast (multicast join), each run
 * in a fresh private network namespace when root.
 *
 * <p>
 * Cold start: from the last process launch until every member sees all the others
 * (tcpnet: its N-1 {@code PeerConnectedEvent}s; Hazelcast: cluster size N). Join: from
 * the new process's launch until it and every running member see each other; for tcpnet
 * also from the new node's {@code TcpnetStartedEvent} (the JVM and Boot start-up left
 * out). Beside them, the same N applications without clustering: the start-up both
 * systems pay before they can cluster.
 */
final class FormationBench extends Bench {

	static final Duration TIMEOUT = Duration.ofSeconds(150);

	/**
	 * The system name of the Boot applications started without clustering: their figure
	 * is the time until all are ready.
	 */
	static final String BOOT_ALONE = "the same Boot apps, no clustering";

	private final String hazelcast;

	FormationBench(Options options, Launcher launcher, Namespaces namespaces, Results results, String hazelcast) {
		super(options, launcher, namespaces, results);
		this.hazelcast = hazelcast;
	}

	@Override
	void run() {
		this.results.settings.put("formation.jvm", String.join(" ", Launcher.CLUSTER_JVM));
		this.results.settings.put("formation.tcpnet", "a minimal Boot app with the starter, default settings (mDNS)");
		this.results.settings.put("formation.hazelcast", "a member created as a bean of the same minimal Boot app"
				+ " (tcpnet disabled): multicast join on 127.0.0.1, phone-home off, Hazelcast's recommended --add-opens");
		for (int run = 1; run <= this.options.clusterRuns; run++) {
			for (int size : this.options.formationSizes) {
				for (String system : order(run, Results.TCPNET, this.hazelcast)) {
					if (system.equals(Results.TCPNET)) {
						tcpnet(run, size);
					}
					else {
						hazelcast(run, size);
					}
				}
				bootAlone(run, size);
			}
		}
	}

	private String coldStart(int size) {
		return "cold start, " + size + " nodes, from last launch";
	}

	private String join(int size) {
		return "join " + size + "+1, from its launch";
	}

	private void tcpnet(int run, int size) {
		String namespace = this.namespaces.up();
		List<Child> nodes = new ArrayList<>();
		String cluster = cluster("bench-formation");
		String stage = coldStart(size);
		try {
			for (int i = 1; i <= size; i++) {
				nodes.add(startNode("tcpnet-" + size + "-" + i, namespace, cluster));
			}
			long lastLaunch = nodes.get(size - 1).launchedAtMillis;
			long mesh = latest(nodes, 0, peersAtLeast(size - 1));
			long lastStarted = latest(nodes, 0, Child.tag("started"));
			record(Results.TCPNET, coldStart(size), mesh - lastLaunch);
			this.results
				.of("formation", "cold start, " + size + " nodes, from last tcpnet start", Results.TCPNET, "ms", false)
				.add(mesh - lastStarted);
			log("formation tcpnet %d nodes run %d: full mesh %d ms after the last launch, %d ms after the last tcpnet start",
					size, run, mesh - lastLaunch, mesh - lastStarted);
			stage = join(size);
			List<Integer> marks = nodes.stream().map(Child::mark).toList();
			Child joiner = startNode("tcpnet-" + size + "-join", namespace, cluster);
			nodes.add(joiner);
			Line joinerStart = joiner.await(0, Child.tag("started"), TIMEOUT);
			String joinerId = joinerStart.fields()[1];
			long joinerStarted = joinerStart.millis(0);
			long connected = joiner.await(0, peersAtLeast(size), TIMEOUT).millis(0);
			for (int i = 0; i < size; i++) {
				Line line = nodes.get(i)
					.await(marks.get(i), (l) -> l.tag().equals("connected") && l.fields()[1].equals(joinerId), TIMEOUT);
				connected = Math.max(connected, line.millis(0));
			}
			record(Results.TCPNET, join(size), connected - joiner.launchedAtMillis);
			this.results.of("formation", "join " + size + "+1, from its tcpnet start", Results.TCPNET, "ms", false)
				.add(connected - joinerStarted);
			log("formation tcpnet %d+1 run %d: joined %d ms after its launch, %d ms after its tcpnet start", size, run,
					connected - joiner.launchedAtMillis, connected - joinerStarted);
		}
		catch (BenchmarkException ex) {
			failed(size, Results.TCPNET, stage, ex);
		}
		finally {
			closeAll(nodes);
			this.namespaces.down(namespace);
		}
	}

	/**
	 * The part of a cold start no clustering library can shorten: the same N Boot
	 * applications, tcpnet disabled, started together until the last is ready.
	 * @param run the run's number
	 * @param size the number of applications
	 */
	private void bootAlone(int run, int size) {
		String namespace = this.namespaces.up();
		List<Child> apps = new ArrayList<>();
		try {
			for (int i = 1; i <= size; i++) {
				List<String> args = Launcher.node(cluster("bench-alone"), "--tcpnet.enabled=false",
						"--spring.autoconfigure.exclude=dev.tcpnet.autoconfigure.TcpnetStandaloneAutoConfiguration");
				apps.add(this.launcher.role("alone-" + size + "-" + i, namespace, Launcher.CLUSTER_JVM, "node", args));
			}
			long lastLaunch = apps.get(size - 1).launchedAtMillis;
			long ready = latest(apps, 0, Child.tag("ready"));
			record(BOOT_ALONE, coldStart(size), ready - lastLaunch);
			log("formation Boot alone %d apps run %d: all ready %d ms after the last launch", size, run,
					ready - lastLaunch);
		}
		catch (BenchmarkException ex) {
			this.results.of("formation", coldStart(size), BOOT_ALONE, "ms", false).add(Double.NaN);
			log("formation Boot alone %d: FAILED %s", size, ex.getMessage());
		}
		finally {
			closeAll(apps);
			this.namespaces.down(namespace);
		}
	}

	private Child startNode(String name, String namespace, String cluster) {
		List<String> args = Launcher.node(cluster);
		args.addAll(Launcher.pinned(namespace));
		return this.launcher.role(name, namespace, Launcher.CLUSTER_JVM, "node", args);
	}

	private void hazelcast(int run, int size) {
		String namespace = this.namespaces.up();
		List<Child> members = new ArrayList<>();
		String cluster = cluster("bench-hz");
		String stage = coldStart(size);
		try {
			for (int i = 1; i <= size; i++) {
				members.add(startMember("hazelcast-" + size + "-" + i, namespace, cluster));
			}
			long lastLaunch = members.get(size - 1).launchedAtMillis;
			long formed = latest(members, 0, membersAtLeast(size));
			record(this.hazelcast, coldStart(size), formed - lastLaunch);
			log("formation hazelcast %d members run %d: cluster of %d %d ms after the last launch", size, run, size,
					formed - lastLaunch);
			stage = join(size);
			List<Integer> marks = members.stream().map(Child::mark).toList();
			Child joiner = startMember("hazelcast-" + size + "-join", namespace, cluster);
			members.add(joiner);
			long joined = joiner.await(0, membersAtLeast(size + 1), TIMEOUT).millis(0);
			for (int i = 0; i < size; i++) {
				joined = Math.max(joined,
						members.get(i).await(marks.get(i), membersAtLeast(size + 1), TIMEOUT).millis(0));
			}
			record(this.hazelcast, join(size), joined - joiner.launchedAtMillis);
			log("formation hazelcast %d+1 run %d: joined %d ms after its launch", size, run,
					joined - joiner.launchedAtMillis);
		}
		catch (BenchmarkException ex) {
			failed(size, this.hazelcast, stage, ex);
		}
		finally {
			closeAll(members);
			this.namespaces.down(namespace);
		}
	}

	private Child startMember(String name, String namespace, String cluster) {
		List<String> jvm = new ArrayList<>(Launcher.CLUSTER_JVM);
		jvm.addAll(List.of("-Djava.net.preferIPv4Stack=true", "-Dhazelcast.phone.home.enabled=false",
				"-Dhazelcast.local.localAddress=127.0.0.1"));
		// What Hazelcast asks for on Java 9+ "to get the best performance results".
		jvm.addAll(List.of("--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
				"--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
				"--add-opens", "java.management/sun.management=ALL-UNNAMED", "--add-opens",
				"jdk.management/com.sun.management.internal=ALL-UNNAMED"));
		// Outside a private namespace, a time-to-live of 0 keeps multicast on this host.
		String timeToLive = (namespace != null) ? "1" : "0";
		List<String> args = new ArrayList<>(List.of(cluster, timeToLive));
		args.addAll(Launcher.boot());
		return this.launcher.role(name, namespace, jvm, "hazelcast", args);
	}

	private void record(String system, String name, double millis) {
		this.results.of("formation", name, system, "ms", false).add(millis);
	}

	/**
	 * A run that timed out counts as a failure of the figure it was measuring.
	 * @param size the number of nodes
	 * @param system the system measured
	 * @param stage the figure that was being measured
	 * @param ex the timeout
	 */
	private void failed(int size, String system, String stage, BenchmarkException ex) {
		this.results.of("formation", stage, system, "ms", false).add(Double.NaN);
		this.results.note("formation " + system + " " + size + " nodes: " + ex.getMessage());
		log("formation %s %d: FAILED %s", system, size, ex.getMessage());
	}

	/**
	 * The latest time at which a member logged a matching line (each its first).
	 * @param children the members
	 * @param from the index of the first line to look at
	 * @param matching which lines count
	 * @return the wall-clock time in milliseconds
	 */
	private static long latest(List<Child> children, int from, Predicate<Line> matching) {
		long latest = 0;
		for (Child child : children) {
			latest = Math.max(latest, child.await(from, matching, TIMEOUT).millis(0));
		}
		return latest;
	}

	static Predicate<Line> peersAtLeast(int peers) {
		return (line) -> line.tag().equals("connected") && line.integer(2) >= peers;
	}

	private static Predicate<Line> membersAtLeast(int members) {
		return (line) -> (line.tag().equals("members") || line.tag().equals("started")) && line.integer(1) >= members;
	}

}
