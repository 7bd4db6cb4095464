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

package dev.tcpnet.benchmarks.role;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * How a measured process talks to the suite: commands arrive one a line on stdin, figures
 * leave as {@code @tag value…} lines on stdout (beside the process's ordinary log). When
 * stdin closes (the suite ended or died) the process exits, so no measured process
 * outlives the suite.
 *
 * @since 0.1.0
 */
public final class Protocol {

	private Protocol() {
	}

	/**
	 * Prints one figure line: {@code @tag v1 v2 …}.
	 * @param tag the line's tag
	 * @param values the figures
	 */
	public static void emit(String tag, Object... values) {
		StringBuilder line = new StringBuilder("@").append(tag);
		for (Object value : values) {
			line.append(' ').append(value);
		}
		synchronized (System.out) {
			System.out.println(line);
			System.out.flush();
		}
	}

	/**
	 * Reads commands on a daemon thread; an {@code exit} command or the end of stdin ends
	 * the process.
	 * @param handler called with each command's words, on that thread
	 */
	public static void serve(Consumer<String[]> handler) {
		Thread reader = new Thread(() -> readCommands(handler), "bench-commands");
		reader.setDaemon(true);
		reader.start();
	}

	private static void readCommands(Consumer<String[]> handler) {
		try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				String[] words = line.trim().split("\\s+");
				if (words[0].equals("exit")) {
					break;
				}
				try {
					handler.accept(words);
				}
				catch (RuntimeException ex) {
					emit("error", words[0], ex.toString().replace('\n', ' '));
				}
			}
		}
		catch (Exception ex) {
			// stdin gone: the suite is gone
		}
		if (System.getenv("BENCH_JFR_DIR") != null) {
			// Profiled: the flight recording is written by a shutdown hook.
			System.exit(0);
		}
		Runtime.getRuntime().halt(0);
	}

	/**
	 * Percentiles of round trips, in nanoseconds: {@code @latency n p50 p99 p999 max}.
	 * @param nanos the round trips (sorted in place)
	 * @param n how many of them were measured
	 */
	public static void emitLatency(long[] nanos, int n) {
		java.util.Arrays.sort(nanos, 0, n);
		if (n == 0) {
			emit("latency", 0, 0, 0, 0, 0);
			return;
		}
		emit("latency", n, nanos[index(n, 0.50)], nanos[index(n, 0.99)], nanos[index(n, 0.999)], nanos[n - 1]);
	}

	private static int index(int n, double quantile) {
		return Math.min(n - 1, (int) Math.ceil(quantile * n) - 1);
	}

	/**
	 * Heap used after a full collection, live threads and resident memory.
	 * @return {@code {heap bytes, threads, resident KiB}}
	 */
	public static long[] footprint() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		long heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		int threads = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
		return new long[] { heap, threads, residentKb() };
	}

	private static long residentKb() {
		try {
			for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (Exception ex) {
			// not Linux
		}
		return -1;
	}

}
