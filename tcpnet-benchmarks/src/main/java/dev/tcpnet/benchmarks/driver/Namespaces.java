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

	/** A fresh namespace, or {@code null} when there are none. */
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

	/** The prefix that runs a command inside a namespace (empty for none). */
	List<String> exec(String name) {
		return (name == null) ? List.of() : List.of(this.tool.toString(), "--exec", name, "--");
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
