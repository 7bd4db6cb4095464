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

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Starts the measured processes: every one a JVM of its own, from this module's jar,
 * optionally inside a private network namespace.
 */
final class Launcher {

	/**
	 * Throughput and latency, for every contender alike (tcpnet, the plain socket,
	 * JGroups): the JIT at full strength, a fixed heap and the collector named rather
	 * than chosen by the JVM's ergonomics, which pick the serial collector on a machine
	 * with fewer than 2 CPUs or less than 1792 MB of memory and G1 otherwise, so that
	 * machines of different sizes run the same JVMs.
	 */
	static final List<String> FAST_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

	/**
	 * Clusters (formation, failure detection, cost), for tcpnet and Hazelcast alike:
	 * small JVMs that start quickly, since many share two cores.
	 */
	static final List<String> CLUSTER_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
			"-Xmx256m");

	/** Start-up of the minimal application: the JVM's defaults, a bounded heap. */
	static final List<String> STARTUP_JVM = List.of("-Xmx256m");

	/**
	 * The jars that adding the starter brings (the rest is Spring Boot's own starter).
	 */
	private static final Pattern STARTER_JARS = Pattern.compile("(tcpnet-spring-boot-.*|netty-.*|jmdns-.*)\\.jar");

	/** Not part of either application of the start-up measurement. */
	private static final Pattern OTHER_JARS = Pattern.compile("(hazelcast-.*)\\.jar");

	private final String java;

	private final Path jar;

	private final Path minimalJar;

	private final Path libraries;

	private final Path webLibraries;

	private final Path logs;

	private final Namespaces namespaces;

	Launcher(Path jar, Path logs, Namespaces namespaces) {
		this.java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		this.jar = jar;
		this.minimalJar = jar.resolveSibling("tcpnet-benchmarks-minimal.jar");
		this.libraries = jar.resolveSibling("lib");
		this.webLibraries = jar.resolveSibling("lib-web");
		this.logs = logs;
		this.namespaces = namespaces;
	}

	Path logs() {
		return this.logs;
	}

	/**
	 * Starts {@code java … Main role <role> <args>}, in the namespace when not
	 * {@code null}.
	 * @param name the process's name in logs
	 * @param namespace the network namespace, or {@code null}
	 * @param jvm the JVM options
	 * @param role the role to run
	 * @param args the role's arguments
	 * @return the started process
	 */
	Child role(String name, String namespace, List<String> jvm, String role, List<String> args) {
		List<String> command = new ArrayList<>(this.namespaces.exec(namespace));
		command.add(this.java);
		command.addAll(jvm);
		command.addAll(profiling(name));
		command.addAll(List.of("-cp", this.jar.toString(), "dev.tcpnet.benchmarks.Main", "role", role));
		command.addAll(args);
		return start(name, command);
	}

	/**
	 * Starts the minimal Boot application, with or without the starter's jars, and with
	 * or without a web server (Spring MVC on Tomcat, from {@code lib-web/}).
	 * @param name the process's name in logs
	 * @param namespace the network namespace, or {@code null}
	 * @param withStarter whether the starter's jars are on the class path
	 * @param web whether Spring MVC and Tomcat are on the class path
	 * @param args the application's arguments
	 * @return the started process
	 */
	Child minimal(String name, String namespace, boolean withStarter, boolean web, List<String> args) {
		List<String> classpath = new ArrayList<>();
		classpath.add(this.minimalJar.toString());
		jars(this.libraries).stream()
			.filter((lib) -> !OTHER_JARS.matcher(lib.getFileName().toString()).matches())
			.filter((lib) -> withStarter || !STARTER_JARS.matcher(lib.getFileName().toString()).matches())
			.forEach((lib) -> classpath.add(lib.toString()));
		if (web) {
			jars(this.webLibraries).forEach((lib) -> classpath.add(lib.toString()));
		}
		List<String> command = new ArrayList<>(this.namespaces.exec(namespace));
		command.add(this.java);
		command.addAll(STARTUP_JVM);
		command.addAll(
				List.of("-cp", String.join(File.pathSeparator, classpath), "dev.tcpnet.benchmarks.minimal.MinimalApp"));
		command.addAll(args);
		return start(name, command);
	}

	private static List<Path> jars(Path directory) {
		try (Stream<Path> jars = Files.list(directory)) {
			return jars.sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The options of {@link #extraJvmOptions(String)}, and with {@code BENCH_JFR_DIR}
	 * set, every role process records a flight recording named after it there: how to see
	 * where a figure's time goes ({@code jfr print}, JDK Mission Control).
	 * {@code BENCH_JFR_SETTINGS} names other settings than {@code profile} (a
	 * {@code .jfc} file, for example with a shorter sampling period).
	 * @param name the process's name
	 * @return the JVM options, none without either variable
	 */
	private static List<String> profiling(String name) {
		List<String> options = new ArrayList<>(extraJvmOptions(name));
		String directory = System.getenv("BENCH_JFR_DIR");
		if (directory == null || directory.isBlank()) {
			return options;
		}
		Path recording = Path.of(directory, name + "-" + System.nanoTime() + ".jfr");
		String settings = System.getenv().getOrDefault("BENCH_JFR_SETTINGS", "profile");
		options.add("-XX:StartFlightRecording=settings=" + settings + ",filename=" + recording);
		return options;
	}

	/**
	 * {@code BENCH_JAVA_OPTS}: JVM options (separated by spaces) that every role process
	 * gets, for example a profiling agent; {@code {name}} in them becomes the process's
	 * name, so that each writes its own file.
	 * @param name the process's name
	 * @return the options, none without {@code BENCH_JAVA_OPTS}
	 */
	static List<String> extraJvmOptions(String name) {
		String options = System.getenv("BENCH_JAVA_OPTS");
		if (options == null || options.isBlank()) {
			return List.of();
		}
		return Arrays.stream(options.trim().split("\\s+")).map((option) -> option.replace("{name}", name)).toList();
	}

	private Child start(String name, List<String> command) {
		try {
			return Child.start(name, command, this.logs);
		}
		catch (IOException ex) {
			throw new BenchmarkException("cannot start " + name + ": " + ex);
		}
	}

	/**
	 * Arguments that keep a tcpnet node on this machine: none inside a private namespace
	 * (the defaults are what is measured), loopback only outside one.
	 * @param namespace the network namespace, or {@code null}
	 * @return the arguments
	 */
	static List<String> pinned(String namespace) {
		return (namespace != null) ? List.of()
				: List.of("--tcpnet.server.address=127.0.0.1", "--tcpnet.discovery.mdns.interfaces=127.0.0.1");
	}

	/**
	 * Arguments every measured tcpnet node gets.
	 * @param cluster the cluster name
	 * @param more further arguments
	 * @return the arguments
	 */
	static List<String> node(String cluster, String... more) {
		List<String> args = new ArrayList<>(List.of("--tcpnet.cluster=" + cluster));
		args.addAll(boot());
		args.addAll(List.of(more));
		return args;
	}

	/**
	 * Arguments every measured Boot application gets.
	 * @return the arguments
	 */
	static List<String> boot() {
		return List.of("--spring.main.banner-mode=off",
				"--logging.pattern.console=%d{HH:mm:ss.SSS} %-5level %logger{0} %msg%n");
	}

}
