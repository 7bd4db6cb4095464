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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tcpnet.benchmarks.driver.Child.Line;

/**
 * The scale curve: full meshes of 2, 4, 8, 16 and 32 nodes, every node a JVM of its own
 * with the same small-footprint flags for every size, all in one private network
 * namespace, default settings (mDNS). For each size: the time to the full mesh from the
 * last node's tcpnet start and from its launch; the connections (per node, and the
 * connections established in the namespace, TCP or Unix, which must be one per pair); the
 * CPU each idle node spends on heartbeats (and mDNS) over a window, from
 * {@code /proc/<pid>/stat}; heap used after a full GC and live threads per node; and the
 * time until every other node has published {@code LOST} for one node killed with
 * {@code kill -9}.
 *
 * <p>
 * The heap's growth per peer is the slope of a least-squares line through the medians of
 * the sizes: heap against peers.
 */
final class ScaleBench extends Bench {

	static final String SECTION = "scale";

	/** The same for every size; small, since 32 of them share the machine. */
	static final List<String> SCALE_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
			"-Xmx128m");

	static final String HEAP_SLOPE = "heap growth per peer (slope of heap after GC over peers)";

	private static final Duration TIMEOUT = Duration.ofSeconds(300);

	private static final double TICK_MILLIS = 10; // USER_HZ = 100

	ScaleBench(Options options, Launcher launcher, Namespaces namespaces, Results results) {
		super(options, launcher, namespaces, results);
	}

	static String meshFromStart(int size) {
		return size + " nodes: full mesh, from the last tcpnet start";
	}

	static String idleCpu(int size) {
		return size + " nodes: idle CPU per node";
	}

	@Override
	void run() {
		if (!this.namespaces.enabled()) {
			if (System.getenv("CI") != null) {
				throw new BenchmarkException("the scale section needs private network namespaces (root and "
						+ "netns-run) and none is available: refusing to start 32 nodes outside one in CI");
			}
			this.results.settings.put("scale.network", "no network namespace: every node pinned to 127.0.0.1, "
					+ "and the connections not counted (the machine's others would count too)");
		}
		this.results.settings.put("scale.jvm", String.join(" ", SCALE_JVM));
		this.results.settings.put("scale.ranges", "per node, the ranges are over the nodes of the size (one run)");
		this.results.settings.put("scale.idle", this.options.scaleIdleSeconds
				+ " s window after the mesh formed; CPU of each node's process from /proc/<pid>/stat (utime+stime)");
		List<double[]> heapByPeers = new ArrayList<>();
		for (int size : this.options.scaleSizes) {
			if (size < 2) {
				continue;
			}
			double heap = size(size);
			if (!Double.isNaN(heap)) {
				heapByPeers.add(new double[] { size - 1, heap });
			}
		}
		double slope = slope(heapByPeers);
		if (!Double.isNaN(slope)) {
			this.results.of(SECTION, HEAP_SLOPE, Results.TCPNET, "KiB", false).add(slope / 1024);
			log("scale: heap grows %.1f KiB per peer (least squares over %d sizes)", slope / 1024, heapByPeers.size());
		}
	}

	/**
	 * Measures one size.
	 * @param size the number of nodes
	 * @return the median heap used after GC in bytes, {@code NaN} when it failed
	 */
	private double size(int size) {
		String namespace = this.namespaces.up();
		String cluster = cluster("bench-scale");
		List<Child> nodes = new ArrayList<>();
		String stage = "formation";
		try {
			for (int i = 1; i <= size; i++) {
				List<String> args = Launcher.node(cluster);
				args.addAll(Launcher.pinned(namespace));
				nodes.add(this.launcher.role("scale-" + size + "-" + i, namespace, SCALE_JVM, "node", args));
			}
			long lastLaunch = nodes.get(size - 1).launchedAtMillis;
			long mesh = latest(nodes, FormationBench.peersAtLeast(size - 1));
			long lastStarted = latest(nodes, Child.tag("started"));
			this.results.of(SECTION, meshFromStart(size), Results.TCPNET, "ms", false).add(mesh - lastStarted);
			this.results.of(SECTION, size + " nodes: full mesh, from the last launch", Results.TCPNET, "ms", false)
				.add(mesh - lastLaunch);
			log("scale %d nodes: full mesh %d ms after the last tcpnet start, %d ms after the last launch", size,
					mesh - lastStarted, mesh - lastLaunch);
			stage = "connections";
			connections(size, namespace, nodes);
			stage = "idle CPU";
			sleep(3);
			idle(size, nodes);
			stage = "footprint";
			double heap = footprint(size, nodes);
			stage = "kill -9";
			killed(size, nodes);
			return heap;
		}
		catch (BenchmarkException ex) {
			this.results.of(SECTION, size + " nodes: " + stage, Results.TCPNET, "ms", false).add(Double.NaN);
			this.results.note("scale " + size + " nodes, " + stage + ": " + ex.getMessage());
			log("scale %d nodes: FAILED at %s: %s", size, stage, ex.getMessage());
			return Double.NaN;
		}
		finally {
			closeAll(nodes);
			this.namespaces.down(namespace);
		}
	}

	/**
	 * Every node's peer count, and the connections established in the namespace: both
	 * ends are in it. Nodes of one host talk over their Unix-domain sockets, so a pair's
	 * connection is TCP or Unix; the full mesh has one per pair, {@code n(n-1)/2}.
	 */
	private void connections(int size, String namespace, List<Child> nodes) {
		int peers = 0;
		for (Child node : nodes) {
			peers += node.ask("stats", "stats", ANSWER).integer(4);
		}
		this.results.detail(SECTION, size + " nodes: peers per node (n-1 expected)", Results.TCPNET, "peers", false)
			.add(peers / (double) size);
		int expected = size * (size - 1) / 2;
		List<String> tcp = established(namespace, "-Htn");
		List<String> unix = established(namespace, "-Hxn");
		if (tcp == null || unix == null) {
			log("scale %d nodes: %.1f peers per node, connections not counted", size, peers / (double) size);
			return;
		}
		// Both ends of a TCP connection are listed; of a Unix one, the accepting end
		// alone
		// carries the socket file's path
		int overTcp = tcp.size() / 2;
		int overUnix = (int) unix.stream().filter(ScaleBench::isTcpnetSocketFile).count();
		this.results.of(SECTION, connectionsName(size), Results.TCPNET, "connections", false).add(overTcp + overUnix);
		this.results
			.detail(SECTION, size + " nodes: … of them over TCP (the rest over Unix sockets)", Results.TCPNET,
					"connections", false)
			.add(overTcp);
		if (overTcp + overUnix != expected) {
			this.results
				.note("scale " + size + " nodes: " + (overTcp + overUnix) + " connections, expected " + expected);
		}
		log("scale %d nodes: %.1f peers per node, %d connections (expected %d), %d of them over TCP", size,
				peers / (double) size, overTcp + overUnix, expected, overTcp);
	}

	static String connectionsName(int size) {
		return size + " nodes: connections, TCP or Unix (n(n-1)/2 expected)";
	}

	/**
	 * Whether a line of {@code ss -x} is the accepting end of a connection to a tcpnet
	 * node's socket file ({@code tcpnet/<port>-<netns>.sock} in the default directory).
	 */
	static boolean isTcpnetSocketFile(String line) {
		// netid, receive and send queues, then the local address: no state column, as the
		// command filters on one
		String[] columns = line.trim().split("\\s+");
		return columns.length >= 4 && columns[3].contains("/tcpnet/") && columns[3].endsWith(".sock");
	}

	/**
	 * The established sockets of one kind in the namespace ({@code ss} lines), or
	 * {@code null} when they cannot be listed: without a namespace the machine's other
	 * connections would count too.
	 */
	private List<String> established(String namespace, String kind) {
		if (namespace == null) {
			return null;
		}
		List<String> command = new ArrayList<>(this.namespaces.exec(namespace));
		command.addAll(List.of("ss", kind, "state", "established"));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				return null;
			}
			return output.lines().filter((line) -> !line.isBlank()).toList();
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchmarkException("interrupted");
		}
	}

	/**
	 * CPU per node over the idle window, in percent of one core.
	 */
	private void idle(int size, List<Child> nodes) {
		long[] before = new long[nodes.size()];
		for (int i = 0; i < nodes.size(); i++) {
			before[i] = cpuTicks(nodes.get(i));
		}
		long start = System.nanoTime();
		sleep(this.options.scaleIdleSeconds);
		double millis = (System.nanoTime() - start) / 1e6;
		Measurement cpu = this.results.of(SECTION, idleCpu(size), Results.TCPNET, "% of a core", false);
		for (int i = 0; i < nodes.size(); i++) {
			long after = cpuTicks(nodes.get(i));
			if (before[i] >= 0 && after >= 0) {
				cpu.add(100 * (after - before[i]) * TICK_MILLIS / millis);
			}
		}
		Stats stats = cpu.stats();
		log("scale %d nodes: idle CPU per node %.2f%% of a core (median; %.2f–%.2f%%) over %.0f s", size,
				stats.median(), stats.min(), stats.max(), millis / 1000);
	}

	private double footprint(int size, List<Child> nodes) {
		Measurement heap = this.results.of(SECTION, size + " nodes: heap used after GC per node", Results.TCPNET, "MB",
				false);
		Measurement threads = this.results.of(SECTION, size + " nodes: live threads per node", Results.TCPNET,
				"threads", false);
		Measurement resident = this.results.detail(SECTION, size + " nodes: resident memory per node", Results.TCPNET,
				"MB", false);
		Measurement descriptors = this.results.of(SECTION, size + " nodes: open file descriptors per node",
				Results.TCPNET, "descriptors", false);
		List<Double> bytes = new ArrayList<>();
		for (Child node : nodes) {
			long open = openDescriptors(node);
			if (open >= 0) {
				descriptors.add(open);
			}
			Line stats = node.ask("stats", "stats", ANSWER);
			bytes.add((double) stats.millis(0));
			heap.add(stats.millis(0) / 1e6);
			threads.add(stats.millis(1));
			resident.add(stats.millis(3) / 1024.0);
		}
		log("scale %d nodes: heap after GC %.1f MB, %.0f threads, resident %.0f MB, %.0f file descriptors per node"
				+ " (medians)", size, heap.stats().median(), threads.stats().median(), resident.stats().median(),
				descriptors.stats().median());
		return Stats.of(bytes).median();
	}

	/**
	 * kill -9 of the last node, until every other node has published LOST for it.
	 */
	private void killed(int size, List<Child> nodes) {
		Child victim = nodes.get(nodes.size() - 1);
		String victimId = victim.await(0, Child.tag("started"), TIMEOUT).fields()[1];
		List<Child> observers = nodes.subList(0, nodes.size() - 1);
		List<Integer> marks = observers.stream().map(Child::mark).toList();
		long signalled = victim.kill();
		long latest = 0;
		for (int i = 0; i < observers.size(); i++) {
			Line lost = observers.get(i)
				.await(marks.get(i), (line) -> line.tag().equals("disconnected") && line.fields()[1].equals(victimId)
						&& line.fields()[2].equals("LOST"), TIMEOUT);
			latest = Math.max(latest, lost.millis(0));
		}
		this.results.of(SECTION, size + " nodes: kill -9 → LOST at every other node", Results.TCPNET, "ms", false)
			.add(latest - signalled);
		log("scale %d nodes: kill -9 seen as LOST by all %d others in %d ms", size, observers.size(),
				latest - signalled);
	}

	/**
	 * The node's open file descriptors (sockets, epoll, jars, ...), {@code -1} when
	 * unreadable.
	 */
	private static long openDescriptors(Child child) {
		try (java.util.stream.Stream<Path> open = Files.list(Path.of("/proc", Long.toString(jvm(child)), "fd"))) {
			return open.count();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * utime + stime of the node's JVM in clock ticks, {@code -1} when unreadable.
	 * {@code netns-run --exec} execs the JVM, so the child is the JVM; a launcher that
	 * forks leaves it as the only descendant running {@code java}.
	 */
	private static long cpuTicks(Child child) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(jvm(child)), "stat"));
			// The command may hold spaces: the fields after it start after the last ')'.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
			// fields[0] is field 3 (state): utime is field 14, stime field 15.
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static long jvm(Child child) {
		return ProcessHandle.of(child.pid())
			.stream()
			.flatMap((handle) -> java.util.stream.Stream.concat(java.util.stream.Stream.of(handle),
					handle.descendants()))
			.filter((handle) -> handle.info().command().map((c) -> c.endsWith("/java")).orElse(false))
			.mapToLong(ProcessHandle::pid)
			.findFirst()
			.orElse(child.pid());
	}

	private static long latest(List<Child> children, java.util.function.Predicate<Line> matching) {
		long latest = 0;
		for (Child child : children) {
			latest = Math.max(latest, child.await(0, matching, TIMEOUT).millis(0));
		}
		return latest;
	}

	/**
	 * The least-squares slope of {@code y} over {@code x}.
	 * @param points {@code {x, y}} pairs
	 * @return the slope, {@code NaN} with fewer than two distinct x
	 */
	static double slope(List<double[]> points) {
		int n = points.size();
		if (n < 2) {
			return Double.NaN;
		}
		double meanX = points.stream().mapToDouble((p) -> p[0]).average().orElse(0);
		double meanY = points.stream().mapToDouble((p) -> p[1]).average().orElse(0);
		double covariance = 0;
		double variance = 0;
		for (double[] point : points) {
			covariance += (point[0] - meanX) * (point[1] - meanY);
			variance += (point[0] - meanX) * (point[0] - meanX);
		}
		return (variance > 0) ? covariance / variance : Double.NaN;
	}

}
