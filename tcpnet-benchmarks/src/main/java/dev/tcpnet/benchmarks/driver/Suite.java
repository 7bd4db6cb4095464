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
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import io.netty.channel.epoll.Epoll;
import org.springframework.boot.SpringBootVersion;

/**
 * The benchmark suite: every section against its baseline in the same run, a table on the
 * console, and {@code results.json}, {@code results.svg} and {@code results.md} in the
 * output directory.
 *
 * @since 0.1.0
 */
public final class Suite {

	private Suite() {
	}

	public static int run(String[] args) throws IOException {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			if (ex.getMessage().isEmpty()) {
				System.out.print(Options.USAGE);
				return 0;
			}
			System.err.print(ex.getMessage() + "\n" + Options.USAGE);
			return 2;
		}
		Path jar = ownJar();
		Path root = jar.getParent().getParent().getParent();
		Path out = options.out(root);
		Path tool = options.netns ? Namespaces.find(root) : null;
		Namespaces namespaces = (tool != null) ? Namespaces.using(tool) : Namespaces.none();
		Path logs = Files.createTempDirectory("tcpnet-benchmarks-logs-");
		Launcher launcher = new Launcher(jar, logs, namespaces);
		Properties versions = versions();
		String hazelcast = "Hazelcast " + versions.getProperty("hazelcast.version");
		String jgroups = versions.getProperty("jgroups.version");
		Results results = new Results();
		Map<String, String> machine = Machine.describe();
		OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
		String command = "java -jar tcpnet-benchmarks/target/tcpnet-benchmarks.jar " + String.join(" ", args);
		printHeader(options, machine, namespaces, hazelcast + " and JGroups " + jgroups);
		results.settings.put("network", namespaces.enabled()
				? "clusters in private loopback-only network namespaces (default settings); throughput and latency on 127.0.0.1"
				: "every process pinned to 127.0.0.1 (no network namespaces)");
		// What every tcpnet node of the run chooses by default
		// (tcpnet.server.native-transport).
		results.settings.put("tcpnet.transport",
				Epoll.isAvailable() ? "Netty's native epoll transport" : "Java NIO (epoll not available here)");
		CpuAccount whole = CpuAccount.start();
		boolean failed = false;
		failed |= section(options, "throughput", "latency",
				() -> new ThroughputLatencyBench(options, launcher, namespaces, results).run(), results);
		failed |= section(options, UnixSocketBench.SECTION, null,
				() -> new UnixSocketBench(options, launcher, namespaces, results).run(), results);
		failed |= section(options, "formation", null,
				() -> new FormationBench(options, launcher, namespaces, results, hazelcast).run(), results);
		failed |= section(options, "failure", null,
				() -> new FailureBench(options, launcher, namespaces, results).run(), results);
		failed |= section(options, "cost", null, () -> new CostBench(options, launcher, namespaces, results).run(),
				results);
		failed |= section(options, "startup", null,
				() -> new StartupBench(options, launcher, namespaces, results).run(), results);
		failed |= section(options, "scale", null, () -> new ScaleBench(options, launcher, namespaces, results).run(),
				results);
		failed |= !results.notes.isEmpty();
		results.otherWork.put("whole run", whole.sinceStart());
		machine.put("load average after", Machine.loadAverage());
		Goals.evaluate(results, hazelcast);
		Map<String, String> versionMap = new LinkedHashMap<>();
		versionMap.put("tcpnet", versions.getProperty("tcpnet.version"));
		versionMap.put("hazelcast", versions.getProperty("hazelcast.version"));
		versionMap.put("jgroups", jgroups);
		versionMap.put("spring-boot", SpringBootVersion.getVersion());
		long seconds = ChronoUnit.SECONDS.between(started, OffsetDateTime.now());
		Run run = new Run(command.trim(), options.quick ? "quick" : "full", started.toString(), seconds, machine,
				versionMap, results);
		write(out, run);
		System.out.println();
		System.out.println(Report.markdown(run));
		System.out.printf("Wrote %s, %s and %s in %d s.%n", out.resolve("results.json"), out.resolve("results.svg"),
				out.resolve("results.md"), seconds);
		if (failed || options.keepLogs) {
			System.out.println("Process logs: " + logs);
		}
		else {
			delete(logs);
		}
		return 0;
	}

	private static boolean section(Options options, String name, String alsoName, Runnable bench, Results results) {
		if (!options.runs(name) && (alsoName == null || !options.runs(alsoName))) {
			return false;
		}
		String title = name + ((alsoName != null) ? " and " + alsoName : "");
		System.out.println("== " + title);
		CpuAccount account = CpuAccount.start();
		try {
			bench.run();
			return false;
		}
		catch (BenchmarkException ex) {
			results.note(name + ": " + ex.getMessage());
			System.out.println("  FAILED: " + ex.getMessage());
			return true;
		}
		finally {
			Children.killAll();
			double[] other = account.sinceStart();
			results.otherWork.put(title, other);
			System.out.printf("  other work on this machine meanwhile: %.0f%% of its CPU (hypervisor steal %.0f%%)%n",
					other[0], other[1]);
		}
	}

	private static void printHeader(Options options, Map<String, String> machine, Namespaces namespaces,
			String hazelcast) {
		System.out.printf("tcpnet benchmarks (%s run), against plain sockets and %s%n",
				options.quick ? "quick" : "full", hazelcast);
		machine.forEach((key, value) -> System.out.printf("  %-20s %s%n", key, value));
		System.out
			.println(namespaces.enabled() ? "  clusters run in private network namespaces (" + namespaces.tool() + ")"
					: "  no network namespaces: every process pinned to 127.0.0.1");
	}

	private static void write(Path out, Run run) throws IOException {
		Files.createDirectories(out);
		Files.writeString(out.resolve("results.json"), Report.json(run));
		Files.writeString(out.resolve("results.svg"), Chart.svg(run));
		Files.writeString(out.resolve("results.md"), header(run) + Report.markdown(run));
	}

	private static String header(Run run) {
		Map<String, String> machine = run.machine();
		double[] other = run.results().otherWork.getOrDefault("whole run", new double[] { Double.NaN, Double.NaN });
		return "Run " + run.date() + " (" + run.mode() + ", " + run.seconds() + " s): " + machine.get("cpu") + ", "
				+ machine.get("cores") + " cores"
				+ (machine.getOrDefault("cpu MHz", "").isEmpty() ? "" : " at " + machine.get("cpu MHz") + " MHz")
				+ " (clock governor " + machine.get("cpu governor") + "), " + machine.get("memory") + ", "
				+ machine.get("os") + ", " + machine.get("jdk") + ".\nLoad average before "
				+ machine.get("load average before") + ", after " + machine.get("load average after") + "; other work "
				+ Format.f("%.1f%%", other[0]) + " of the machine's CPU during the run (hypervisor steal "
				+ Format.f("%.1f%%", other[1]) + ").\nCommand: `" + run.command() + "`\n\n";
	}

	private static Properties versions() throws IOException {
		Properties properties = new Properties();
		try (InputStream in = Suite.class.getResourceAsStream("/tcpnet-benchmarks.properties")) {
			if (in != null) {
				properties.load(in);
			}
		}
		return properties;
	}

	/**
	 * This module's jar: the measured processes start from it.
	 * @return the jar's path
	 */
	private static Path ownJar() {
		try {
			Path location = Path.of(Suite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			if (!Files.isRegularFile(location)) {
				throw new IllegalStateException(
						"run the packaged jar: java -jar tcpnet-benchmarks/target/tcpnet-benchmarks.jar");
			}
			return location.toAbsolutePath();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void delete(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
