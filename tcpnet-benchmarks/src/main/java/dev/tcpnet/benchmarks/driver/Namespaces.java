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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Private loopback-only network namespaces made by {@code netns-run} (root only):
 * processes that run with tcpnet's and Hazelcast's default interfaces, multicast
 * included, run in one, so nothing they send can leave the machine. Without root (or the
 * tool) there are none, and every process is pinned to 127.0.0.1 instead.
 */
final class Namespaces {

	private final Path tool;

	private final Set<String> live = ConcurrentHashMap.newKeySet();

	private final AtomicInteger counter = new AtomicInteger();

	private Namespaces(Path tool) {
		this.tool = tool;
		if (tool != null) {
			Runtime.getRuntime().addShutdownHook(new Thread(() -> this.live.forEach(this::down), "netns-down"));
		}
	}

	static Namespaces none() {
		return new Namespaces(null);
	}

	static Namespaces using(Path tool) {
		return new Namespaces(tool);
	}

	/**
	 * The tool beside the repository ({@code ../shared/tools/netns-run}) when root may
	 * use it.
	 * @param projectRoot the repository's root
	 * @return the tool, or {@code null}
	 */
	static Path find(Path projectRoot) {
		String configured = System.getenv("NETNS_RUN");
		Path tool = (configured != null) ? Path.of(configured)
				: projectRoot.resolve("../shared/tools/netns-run").normalize();
		return (isRoot() && Files.isExecutable(tool)) ? tool : null;
	}

	static boolean isRoot() {
		try {
			return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	boolean enabled() {
		return this.tool != null;
	}

	Path tool() {
		return this.tool;
	}

	/**
	 * A fresh namespace, or {@code null} when there are none.
	 * @return the namespace's name, or {@code null}
	 */
	String up() {
		if (this.tool == null) {
			return null;
		}
		String name = "tcpnet-bench-" + ProcessHandle.current().pid() + "-" + this.counter.incrementAndGet();
		run(List.of(this.tool.toString(), "--up", name));
		this.live.add(name);
		return name;
	}

	void down(String name) {
		if (name != null && this.tool != null) {
			run(List.of(this.tool.toString(), "--down", name));
			this.live.remove(name);
		}
	}

	/**
	 * The prefix that runs a command inside a namespace (empty for none).
	 * @param name the namespace, or {@code null}
	 * @return the command prefix
	 */
	List<String> exec(String name) {
		return (name != null) ? List.of(this.tool.toString(), "--exec", name, "--") : List.of();
	}

	private static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new BenchmarkException(String.join(" ", command) + " failed: " + output.trim());
			}
		}
		catch (IOException ex) {
			throw new BenchmarkException(String.join(" ", command) + " failed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchmarkException("interrupted");
		}
	}

}
