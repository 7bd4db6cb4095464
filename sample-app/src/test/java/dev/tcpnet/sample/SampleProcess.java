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

package dev.tcpnet.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One sample-app process started from the packaged jar, pinned to loopback (acceptor,
 * mDNS and HTTP on 127.0.0.1), and the lines it has written so far.
 */
final class SampleProcess {

	private static final Pattern HTTP_PORT = Pattern.compile("actuator on http port (\\d+)");

	private final String id;

	private final Process process;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private SampleProcess(String id, Process process) {
		this.id = id;
		this.process = process;
	}

	static Path jar() {
		Path jar = Path.of(System.getProperty("sample.jar", "target/tcpnet-sample.jar"));
		assertThat(jar).as("the packaged sample app (run 'package' first)").isRegularFile();
		return jar;
	}

	/**
	 * Starts a node on loopback only: nothing it sends leaves this machine, and the
	 * cluster name keeps it apart from any other run on it.
	 */
	static SampleProcess startOnLoopback(String id, String cluster) throws IOException {
		List<String> command = javaJar(id);
		command.addAll(List.of("--tcpnet.cluster=" + cluster, "--tcpnet.discovery.mdns.interfaces=127.0.0.1",
				"--tcpnet.server.address=127.0.0.1", "--server.address=127.0.0.1"));
		return start(id, command);
	}

	/**
	 * The command that runs the packaged sample as node {@code id} with a free HTTP port
	 * and short log lines; callers add where it may look for peers.
	 */
	static List<String> javaJar(String id) {
		return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-jar", jar().toAbsolutePath().toString(), "--tcpnet.node-id=" + id,
				"--server.port=0", "--spring.main.banner-mode=off",
				"--logging.pattern.console=%d{HH:mm:ss.SSS} %-5level %msg%n"));
	}

	/** Starts a command and keeps (and echoes) what it writes. */
	static SampleProcess start(String id, List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		SampleProcess node = new SampleProcess(id, process);
		Thread reader = new Thread(node::readOutput, "output-" + id);
		reader.setDaemon(true);
		reader.start();
		return node;
	}

	String id() {
		return this.id;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits for a line containing the fragment, failing early when the process exits.
	 */
	void awaitLine(String fragment, Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(100))
			.failFast(this.id + " exited early", () -> !this.process.isAlive() && !hasLine(fragment))
			.untilAsserted(() -> assertThat(hasLine(fragment))
				.as(() -> this.id + " never logged '" + fragment + "'; its log ends with:\n" + tail(40))
				.isTrue());
	}

	/**
	 * Waits for the line that tells the HTTP port and returns the port.
	 */
	int awaitHttpPort(Duration timeout) {
		awaitLine("actuator on http port ", timeout);
		for (String line : this.lines) {
			Matcher matcher = HTTP_PORT.matcher(line);
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
		}
		throw new IllegalStateException("no http port line");
	}

	/**
	 * Asks the process to stop (SIGTERM: a graceful stop) and waits for it to exit.
	 */
	boolean stop(Duration timeout) throws InterruptedException {
		this.process.destroy();
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops the process, gracefully if it goes within 15 seconds, else by force.
	 */
	void kill() {
		try {
			if (!stop(Duration.ofSeconds(15))) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	boolean hasLine(String fragment) {
		return this.lines.stream().anyMatch((line) -> line.contains(fragment));
	}

	long count(String fragment) {
		return this.lines.stream().filter((line) -> line.contains(fragment)).count();
	}

	/**
	 * Returns the last lines, leaving out the demo's once-a-second chatter.
	 */
	String tail(int count) {
		List<String> snapshot = this.lines.stream().filter((line) -> !isChatter(line)).toList();
		return String.join("\n", snapshot.subList(Math.max(0, snapshot.size() - count), snapshot.size()));
	}

	private static boolean isChatter(String line) {
		return line.contains("write to ") || line.contains("message from ");
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
				if (!isChatter(line)) {
					System.out.println("[" + this.id + "] " + line);
				}
			}
		}
		catch (IOException ex) {
			// The process is gone.
		}
	}

}
