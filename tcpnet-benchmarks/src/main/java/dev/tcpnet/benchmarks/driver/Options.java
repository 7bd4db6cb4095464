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

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The suite's command line. Everything is bounded: runs, seconds per window, round trips,
 * and a timeout on every wait.
 */
final class Options {

	static final List<String> SECTIONS = List.of("throughput", "latency", "unix", "formation", "failure", "cost",
			"startup", "scale");

	static final String USAGE = """
			usage: java -jar tcpnet-benchmarks.jar [--quick] [options]
			  --quick               smoke run: one run each, short windows, 3-node formation, 1 and 8 peers, 2 and 4 nodes (about 2.5 min)
			  --runs N              runs per figure (default 5; formation and failure 3)
			  --only LIST           sections to run, of: throughput,latency,unix,formation,failure,cost,startup,scale
			  --formation-sizes L   cluster sizes (default 3,5,8)
			  --cost-peers L        peer counts for heap and threads (default 1,8,32)
			  --scale-sizes L       full-mesh sizes of the scale curve (default 2,4,8,16,32; --quick 2,4)
			  --scale-idle S        seconds of the idle CPU window of the scale curve (default 30; --quick 10)
			  --buffer-max N        tcpnet.delivery.buffer-max of the throughput nodes, and the sender's
			                        window of unacknowledged messages (default 10000, tcpnet's default)
			  --out DIR             results.json, results.svg, results.md (default docs/benchmarks;
			                        with --quick tcpnet-benchmarks/target/benchmarks-quick)
			  --no-netns            never use network namespaces (every process pinned to 127.0.0.1)
			  --keep-logs           keep every process's log (kept anyway when something failed)
			   or: java -jar tcpnet-benchmarks.jar compare RESULTS.json RESULTS.json [...]
			                        whether full runs agree: each figure's medians and ranges side by
			                        side, and the goals' verdicts
			""";

	boolean quick;

	int runs = 5;

	int clusterRuns = 3;

	Set<String> sections = new LinkedHashSet<>(SECTIONS);

	List<Integer> formationSizes = List.of(3, 5, 8);

	List<Integer> costPeers = List.of(1, 8, 32);

	List<Integer> scaleSizes = List.of(2, 4, 8, 16, 32);

	int scaleIdleSeconds = 30;

	/**
	 * {@code tcpnet.delivery.buffer-max-size} of the throughput nodes, tcpnet's default
	 * (16 MB), set explicitly as the sender's window is computed from it.
	 */
	static final int BUFFER_MAX_SIZE = 16 << 20;

	int bufferMax = 10_000;

	Path out;

	boolean netns = true;

	boolean keepLogs;

	// Windows, in seconds, and round trips.
	// The first window of every size follows a longer warm-up, never counted: the JIT
	// compiles the sending and receiving paths of a new size (and, at the first size, of
	// everything) meanwhile.
	double firstWarmup = 5;

	double settle = 0.5;

	double window = 2;

	// Enough round trips for C2 to compile every contender's path before the first
	// measured one: with 3,000 the first run's p99 was 5-10 times the later runs'
	int pingWarmup = 20_000;

	int pings = 10_000;

	double pingSeconds = 10;

	static Options parse(String[] args) {
		Options options = new Options();
		boolean runsGiven = false;
		boolean sizesGiven = false;
		boolean peersGiven = false;
		boolean scaleGiven = false;
		boolean idleGiven = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--quick" -> options.quick = true;
				case "--runs" -> {
					options.runs = positive(args, ++i);
					options.clusterRuns = options.runs;
					runsGiven = true;
				}
				case "--only" -> options.sections = sections(value(args, ++i));
				case "--formation-sizes" -> {
					options.formationSizes = integers(value(args, ++i));
					sizesGiven = true;
				}
				case "--cost-peers" -> {
					options.costPeers = integers(value(args, ++i));
					peersGiven = true;
				}
				case "--scale-sizes" -> {
					options.scaleSizes = integers(value(args, ++i));
					scaleGiven = true;
				}
				case "--scale-idle" -> {
					options.scaleIdleSeconds = positive(args, ++i);
					idleGiven = true;
				}
				case "--buffer-max" -> options.bufferMax = positive(args, ++i);
				case "--out" -> options.out = Path.of(value(args, ++i));
				case "--no-netns" -> options.netns = false;
				case "--keep-logs" -> options.keepLogs = true;
				case "-h", "--help" -> throw new IllegalArgumentException("");
				default -> throw new IllegalArgumentException("unknown option " + arg);
			}
		}
		if (options.quick) {
			options.quickDefaults(runsGiven, sizesGiven, peersGiven);
			if (!scaleGiven) {
				options.scaleSizes = List.of(2, 4);
			}
			if (!idleGiven) {
				options.scaleIdleSeconds = 10;
			}
		}
		return options;
	}

	/**
	 * The output directory: as given, else in the project beside the jar.
	 * @param projectRoot the repository's root
	 * @return the output directory
	 */
	Path out(Path projectRoot) {
		if (this.out != null) {
			return this.out;
		}
		return projectRoot.resolve(this.quick ? "tcpnet-benchmarks/target/benchmarks-quick" : "docs/benchmarks");
	}

	private void quickDefaults(boolean runsGiven, boolean sizesGiven, boolean peersGiven) {
		if (!runsGiven) {
			this.runs = 1;
			this.clusterRuns = 1;
		}
		if (!sizesGiven) {
			this.formationSizes = List.of(3);
		}
		if (!peersGiven) {
			this.costPeers = List.of(1, 8);
		}
		this.firstWarmup = 1.5;
		this.window = 1;
		this.pingWarmup = 1000;
		this.pings = 2000;
		this.pingSeconds = 4;
	}

	boolean runs(String section) {
		return this.sections.contains(section);
	}

	private static String value(String[] args, int i) {
		if (i >= args.length) {
			throw new IllegalArgumentException(args[i - 1] + " needs a value");
		}
		return args[i];
	}

	private static int positive(String[] args, int i) {
		int value = Integer.parseInt(value(args, i));
		if (value < 1) {
			throw new IllegalArgumentException(args[i - 1] + " must be at least 1");
		}
		return value;
	}

	private static List<Integer> integers(String list) {
		return Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).toList();
	}

	private static Set<String> sections(String list) {
		Set<String> chosen = new LinkedHashSet<>();
		for (String section : list.split(",")) {
			if (!SECTIONS.contains(section.trim())) {
				throw new IllegalArgumentException("unknown section " + section + ", choose of " + SECTIONS);
			}
			chosen.add(section.trim());
		}
		return chosen;
	}

	/**
	 * The sender's window of unacknowledged messages, as the README's code keeps it: the
	 * whole buffer, but no more payload than {@code tcpnet.delivery.buffer-max-size} (a
	 * send beyond either fails with {@code OVERFLOW}), and at least 16 messages.
	 * @param size the payload size
	 * @return the number of messages
	 */
	int window(int size) {
		return Math.min(this.bufferMax, Math.max(16, BUFFER_MAX_SIZE / size));
	}

}
