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

import dev.tcpnet.benchmarks.driver.Child.Line;

/**
 * What a node costs: heap used after a full GC, live threads (and tcpnet's own) and
 * resident memory of one measured node (a JVM of its own, default settings) with 0, 1, 8
 * and 32 peers, against the same application with {@code tcpnet.enabled=false}.
 *
 * <p>
 * 33 Boot JVMs do not fit on two cores in a few minutes, so the peers run as up to 8
 * nodes per helper JVM (each a full tcpnet node with its own context, acceptor and mDNS):
 * the measured node sees 32 separate peers over 32 connections all the same.
 */
final class CostBench extends Bench {

	static final String WITHOUT = "without tcpnet";

	private static final int NODES_PER_HELPER = 8;

	private static final Duration TIMEOUT = Duration.ofSeconds(180);

	private static final int SAMPLES = 3;

	CostBench(Options options, Launcher launcher, Namespaces namespaces, Results results) {
		super(options, launcher, namespaces, results);
	}

	@Override
	void run() {
		this.results.settings.put("cost.jvm", String.join(" ", Launcher.CLUSTER_JVM));
		List<Double[]> without = measure(-1);
		List<Integer> peers = new ArrayList<>(List.of(0));
		peers.addAll(this.options.costPeers);
		for (int count : peers) {
			List<Double[]> with = measure(count);
			String label = count + ((count == 1) ? " peer" : " peers");
			for (int i = 0; i < SAMPLES; i++) {
				add("heap used after GC, " + label, "MB", with, without, i, 0);
				add("live threads, " + label, "threads", with, without, i, 1);
				add("resident memory, " + label, "MB", with, without, i, 3).forEach((m) -> m.detail = true);
			}
			for (Double[] sample : with) {
				this.results.detail("cost", "tcpnet's own threads, " + label, Results.TCPNET, "threads", false)
					.add(sample[2]);
			}
		}
	}

	private List<Measurement> add(String name, String unit, List<Double[]> with, List<Double[]> without, int sample,
			int field) {
		Measurement tcpnet = this.results.of("cost", name, Results.TCPNET, unit, false);
		Measurement baseline = this.results.of("cost", name, WITHOUT, unit, false);
		if (sample < with.size()) {
			tcpnet.add(with.get(sample)[field]);
		}
		if (sample < without.size()) {
			baseline.add(without.get(sample)[field]);
		}
		return List.of(tcpnet, baseline);
	}

	/**
	 * Samples of {heap MB, threads, tcpnet threads, resident MB} of a node with that many
	 * peers, or of one without tcpnet for {@code -1}.
	 * @param peers the number of peers, or {@code -1} for a node without tcpnet
	 * @return the samples
	 */
	private List<Double[]> measure(int peers) {
		String namespace = this.namespaces.up();
		String cluster = cluster("bench-cost");
		List<Child> children = new ArrayList<>();
		try {
			List<String> args = Launcher.node(cluster, "--logging.level.root=WARN", "--logging.level.dev.tcpnet=INFO");
			args.addAll(Launcher.pinned(namespace));
			if (peers < 0) {
				// Without tcpnet at all: not even the stand-alone node that
				// tcpnet.enabled=false keeps.
				args.add("--tcpnet.enabled=false");
				args.add("--spring.autoconfigure.exclude=dev.tcpnet.autoconfigure.TcpnetStandaloneAutoConfiguration");
			}
			Child measured = this.launcher.role("cost-" + ((peers < 0) ? "without" : peers), namespace,
					Launcher.CLUSTER_JVM, "node", args);
			children.add(measured);
			measured.await(0, Child.tag("ready"), TIMEOUT);
			for (int helper = 0, left = peers; left > 0; helper++, left -= NODES_PER_HELPER) {
				List<String> helperArgs = new ArrayList<>(args);
				helperArgs.add("--bench.contexts=" + Math.min(NODES_PER_HELPER, left));
				children.add(this.launcher.role("cost-" + peers + "-helper-" + (helper + 1), namespace,
						Launcher.CLUSTER_JVM, "node", helperArgs));
			}
			if (peers > 0) {
				measured.await(0, FormationBench.peersAtLeast(peers), TIMEOUT);
			}
			sleep(3);
			List<Double[]> samples = new ArrayList<>();
			for (int i = 0; i < SAMPLES; i++) {
				Line stats = measured.ask("stats", "stats", ANSWER);
				samples.add(new Double[] { mb(stats.millis(0)), (double) stats.millis(1), (double) stats.millis(2),
						stats.millis(3) / 1024.0 });
				sleep(1);
			}
			Double[] first = samples.get(0);
			log("cost %s: heap after GC %.1f MB, %.0f threads (%.0f tcpnet), resident %.0f MB",
					(peers < 0) ? WITHOUT : peers + " peers", first[0], first[1], first[2], first[3]);
			return samples;
		}
		catch (BenchmarkException ex) {
			this.results.note("cost with " + peers + " peers: " + ex.getMessage());
			log("cost %d peers: FAILED %s", peers, ex.getMessage());
			return List.of();
		}
		finally {
			closeAll(children);
			this.namespaces.down(namespace);
		}
	}

	private static double mb(long bytes) {
		return bytes / 1e6;
	}

}
