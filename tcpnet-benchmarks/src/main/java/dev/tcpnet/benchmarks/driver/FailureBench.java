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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tcpnet.benchmarks.driver.Child.Line;

/**
 * Failure detection with default heartbeat settings: in a cluster of four, one node is
 * killed with {@code kill -9} (its sockets close: detection by the connection), then
 * another is frozen with {@code SIGSTOP} (its sockets stay open: detection by the
 * heartbeat timeout). Measured from the signal until every other node has published
 * {@code PeerDisconnectedEvent} with reason {@code LOST}. Two fresh nodes replace them
 * before the next run.
 */
final class FailureBench extends Bench {

	private static final int NODES = 4;

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	FailureBench(Options options, Launcher launcher, Namespaces namespaces, Results results) {
		super(options, launcher, namespaces, results);
	}

	@Override
	void run() {
		String namespace = this.namespaces.up();
		String cluster = cluster("bench-failure");
		List<Child> all = new ArrayList<>();
		List<Child> live = new ArrayList<>();
		int started = 0;
		try {
			for (; started < NODES; started++) {
				live.add(start("failure-" + (started + 1), namespace, cluster, all));
			}
			awaitMesh(live, live.stream().map((c) -> 0).toList());
			for (int run = 1; run <= this.options.clusterRuns; run++) {
				Child killed = live.remove(0);
				double kill = detect(killed, live, () -> killed.kill());
				this.results.of("failure detection", "kill -9 → LOST at every other node", Results.TCPNET, "ms", false)
					.add(kill);
				Child frozen = live.remove(0);
				double stop = detect(frozen, live, () -> stop(frozen));
				this.results.of("failure detection", "SIGSTOP → LOST at every other node", Results.TCPNET, "ms", false)
					.add(stop);
				frozen.close();
				log("failure detection run %d: kill -9 seen as LOST in %.0f ms, SIGSTOP in %.0f ms", run, kill, stop);
				if (run < this.options.clusterRuns) {
					List<Integer> marks = new ArrayList<>(live.stream().map(Child::mark).toList());
					for (int i = 0; i < 2; i++, started++) {
						live.add(start("failure-" + (started + 1), namespace, cluster, all));
						marks.add(0);
					}
					awaitMesh(live, marks);
				}
			}
		}
		finally {
			closeAll(all);
			this.namespaces.down(namespace);
		}
	}

	private Child start(String name, String namespace, String cluster, List<Child> all) {
		List<String> args = Launcher.node(cluster);
		args.addAll(Launcher.pinned(namespace));
		Child child = this.launcher.role(name, namespace, Launcher.CLUSTER_JVM, "node", args);
		all.add(child);
		return child;
	}

	private static void awaitMesh(List<Child> nodes, List<Integer> marks) {
		for (int i = 0; i < nodes.size(); i++) {
			nodes.get(i).await(marks.get(i), FormationBench.peersAtLeast(nodes.size() - 1), FormationBench.TIMEOUT);
		}
	}

	/**
	 * Milliseconds from the signal until every observer published LOST for the victim.
	 * @param victim the node that fails
	 * @param observers the nodes that detect it
	 * @param signal fails the victim and returns the wall-clock time just before
	 * @return the detection time in milliseconds
	 */
	private static double detect(Child victim, List<Child> observers, java.util.function.LongSupplier signal) {
		String victimId = victim.await(0, Child.tag("started"), TIMEOUT).fields()[1];
		List<Integer> marks = observers.stream().map(Child::mark).toList();
		long signalled = signal.getAsLong();
		long latest = 0;
		for (int i = 0; i < observers.size(); i++) {
			Line lost = observers.get(i)
				.await(marks.get(i), (line) -> line.tag().equals("disconnected") && line.fields()[1].equals(victimId)
						&& line.fields()[2].equals("LOST"), TIMEOUT);
			latest = Math.max(latest, lost.millis(0));
		}
		return latest - signalled;
	}

	/**
	 * kill -STOP; returns the wall-clock time just before the signal.
	 * @param child the process to stop
	 * @return the wall-clock time in milliseconds
	 */
	private static long stop(Child child) {
		long now = System.currentTimeMillis();
		try {
			Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(child.pid())).start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new BenchmarkException("kill -STOP " + child.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new BenchmarkException("kill -STOP: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchmarkException("interrupted");
		}
		return now;
	}

}
