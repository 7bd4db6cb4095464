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

package dev.tcpnet.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * One driver process ({@link FaultDriverApplication}) running in a lab host, its commands
 * and the lines it has written.
 */
final class DriverNode {

	private static final AtomicInteger requests = new AtomicInteger();

	private final String id;

	private final NetLab.@Nullable Host host;

	private final Process process;

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final List<Line> lines = new CopyOnWriteArrayList<>();

	private DriverNode(String id, NetLab.@Nullable Host host, Process process) {
		this.id = id;
		this.host = host;
		this.process = process;
	}

	/**
	 * Starts a driver in a host of the lab, with default interface selection (the host's
	 * eth0).
	 * @param lab the lab
	 * @param host the host to run in
	 * @param id the node id
	 * @param jar the driver's executable jar
	 * @param properties further {@code --name=value} arguments
	 * @return the running node
	 */
	static DriverNode start(NetLab lab, NetLab.Host host, String id, Path jar, List<String> properties) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toAbsolutePath().toString(),
						"--tcpnet.node-id=" + id));
		command.addAll(properties);
		DriverNode node = new DriverNode(id, host, lab.start(host, command));
		Thread reader = new Thread(node::read, "driver-output-" + id);
		reader.setDaemon(true);
		reader.start();
		return node;
	}

	/**
	 * Starts a driver in this machine's own network namespace, for nodes pinned to
	 * loopback by their properties (static seeds on 127.0.0.1, mDNS off or on 127.0.0.1):
	 * never with default interface selection.
	 * @param id the node id
	 * @param jar the driver's executable jar
	 * @param jvmOptions options of the JVM, such as {@code -Xmx256m}
	 * @param properties further {@code --name=value} arguments
	 * @return the running node
	 */
	static DriverNode startLocal(String id, Path jar, List<String> jvmOptions, List<String> properties) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--tcpnet.node-id=" + id));
		command.addAll(properties);
		if (command.stream().noneMatch((arg) -> arg.startsWith("--tcpnet.server.address=127.0.0.1"))) {
			throw new IllegalArgumentException("a local driver listens on 127.0.0.1 only: " + command);
		}
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start " + command, ex);
		}
		DriverNode node = new DriverNode(id, null, process);
		Thread reader = new Thread(node::read, "driver-output-" + id);
		reader.setDaemon(true);
		reader.start();
		return node;
	}

	String id() {
		return this.id;
	}

	NetLab.Host host() {
		if (this.host == null) {
			throw new IllegalStateException(this.id + " runs in no lab host");
		}
		return this.host;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Returns the pid the driver reported, which is the pid of the process started (ip
	 * netns exec replaces itself with java); checked so that signals reach the JVM.
	 */
	long pid() {
		long reported = awaitLine("READY", (line) -> true, Duration.ofSeconds(90)).number("pid");
		if (reported != this.process.pid()) {
			throw new IllegalStateException(this.id + " reports pid " + reported + " but the process started is "
					+ this.process.pid() + ": 'ip netns exec' did not exec the JVM");
		}
		return reported;
	}

	Process process() {
		return this.process;
	}

	synchronized void command(String command) {
		try {
			OutputStream in = this.process.getOutputStream();
			in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
			in.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException(this.id + " does not take commands (exited?): " + ex.getMessage(), ex);
		}
	}

	/**
	 * Waits for a line of a kind that matches.
	 * @return the first such line
	 */
	Line awaitLine(String kind, Predicate<Line> matching, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Optional<Line> found = this.lines.stream()
				.filter((line) -> line.kind().equals(kind))
				.filter(matching)
				.findFirst();
			if (found.isPresent()) {
				return found.get();
			}
			if (!this.process.isAlive()) {
				sleep(200); // let the reader catch up with the last lines
				found = this.lines.stream().filter((line) -> line.kind().equals(kind)).filter(matching).findFirst();
				if (found.isPresent()) {
					return found.get();
				}
				throw new AssertionError(this.id + " exited (" + exitCode() + ") before writing the expected " + kind
						+ " line; its output ends with:\n" + tail(40));
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError(this.id + " wrote no matching " + kind + " line within " + timeout.toMillis()
						+ " ms; its output ends with:\n" + tail(40));
			}
			sleep(25);
		}
	}

	/**
	 * Returns how many lines the driver has written so far: a mark for
	 * {@link #outputSince}.
	 */
	int outputMark() {
		return this.output.size();
	}

	/**
	 * Returns every line written from a mark on, report lines and log lines alike.
	 */
	List<String> outputSince(int mark) {
		List<String> all = List.copyOf(this.output);
		return all.subList(Math.min(mark, all.size()), all.size());
	}

	/**
	 * Returns the lines of a kind that match, in the order written.
	 */
	List<Line> lines(String kind, Predicate<Line> matching) {
		return this.lines.stream().filter((line) -> line.kind().equals(kind)).filter(matching).toList();
	}

	/**
	 * Returns this node's peer events ({@code FAULT-EVENT} lines) of a type about one
	 * peer, written at or after a time.
	 */
	List<Line> events(String type, String peer, long since) {
		return lines("EVENT", (line) -> line.is("type", type) && line.is("peer", peer) && line.time() >= since);
	}

	/**
	 * Waits for this node's first event of a type about a peer at or after a time.
	 */
	Line awaitEvent(String type, String peer, long since, Duration timeout) {
		return awaitLine("EVENT", (line) -> line.is("type", type) && line.is("peer", peer) && line.time() >= since,
				timeout);
	}

	/**
	 * Asks for the receive summary and the meters.
	 */
	Stats stats() {
		String request = this.id + "-" + requests.incrementAndGet();
		command("stats " + request);
		awaitLine("END", (line) -> line.is("id", request), Duration.ofSeconds(15));
		Map<String, Line> runs = new TreeMap<>();
		for (Line line : lines("RECV", (l) -> l.is("id", request))) {
			runs.put(line.get("from") + "/" + line.get("run"), line);
		}
		Map<String, Double> meters = new TreeMap<>();
		for (Line line : lines("METER", (l) -> l.is("id", request))) {
			meters.put(line.get("name") + "{" + line.get("tags") + "}", line.decimal("value"));
		}
		return new Stats(runs, meters);
	}

	/**
	 * Returns the ids of the connected peers, sorted.
	 */
	List<String> peers() {
		String request = this.id + "-" + requests.incrementAndGet();
		command("peers " + request);
		Line line = awaitLine("PEERS", (l) -> l.is("id", request), Duration.ofSeconds(15));
		String peers = line.get("peers");
		return (peers == null || peers.equals("-")) ? List.of() : List.of(peers.split(","));
	}

	void killForcibly() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String exitCode() {
		try {
			return Integer.toString(this.process.exitValue());
		}
		catch (IllegalThreadStateException ex) {
			return "running";
		}
	}

	/**
	 * Returns the last lines of output, without the high-volume ones.
	 */
	String tail(int count) {
		List<String> shown = this.output.stream().filter((line) -> !isChatter(line)).toList();
		return String.join("\n", shown.subList(Math.max(0, shown.size() - count), shown.size()));
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String text;
			while ((text = reader.readLine()) != null) {
				this.output.add(text);
				Line.parse(text).ifPresent(this.lines::add);
				if (!isChatter(text)) {
					System.out.println("[" + this.id + "] " + text);
				}
			}
		}
		catch (IOException ex) {
			// the process is gone
		}
	}

	private static boolean isChatter(String line) {
		return line.contains("FAULT-METER") || line.contains("type=DROPPED") || line.contains("state=PROGRESS")
				|| line.contains("FAULT-PEERS") || line.contains("FAULT-END");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * A receive summary: one {@code RECV} line per "sender/run", and the meters by
	 * "name{tags}".
	 */
	record Stats(Map<String, Line> runs, Map<String, Double> meters) {

		Optional<Line> run(String from, String run) {
			return Optional.ofNullable(this.runs.get(from + "/" + run));
		}

		double meter(String name, String tags) {
			return this.meters.getOrDefault(name + "{" + tags + "}", 0.0);
		}

	}

}
