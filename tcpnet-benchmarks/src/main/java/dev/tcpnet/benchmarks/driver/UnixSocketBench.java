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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tcpnet.benchmarks.driver.Child.Line;

/**
 * Two tcpnet nodes of one host over their Unix-domain sockets (tcpnet's default between
 * nodes of one host), beside a plain Java Unix-domain socket sender and receiver (the
 * limit of that path) and beside two tcpnet nodes over TCP loopback, in the same run:
 * throughput at the sizes of the TCP section, then 64 B request/reply round trips.
 *
 * <p>
 * Measured as the TCP section measures (a window after a warm-up, counted at the
 * receiver); the systems take turns, in an order that alternates from run to run.
 */
final class UnixSocketBench extends Bench {

	static final String SECTION = "unix";

	static final String SOCKET = "plain Unix socket";

	static final String TCP = "tcpnet over TCP";

	private static final String TOPIC = "bench-direct";

	private static final int PING_SIZE = 64;

	UnixSocketBench(Options options, Launcher launcher, Namespaces namespaces, Results results) {
		super(options, launcher, namespaces, results);
	}

	@Override
	void run() {
		List<Child> children = new ArrayList<>();
		Path sockets = socketDirectory();
		try {
			List<Pair> pairs = List.of(tcpnetPair(children, sockets, true), socketPair(children, sockets),
					tcpnetPair(children, sockets, false));
			this.results.settings.put("unix.tcpnet",
					"two nodes of one host, the sender dials the receiver's loopback address and tcpnet takes"
							+ " the receiver's Unix-domain socket (tcpnet.server.unix-socket.directory in a private"
							+ " temporary directory); 'tcpnet over TCP': the same nodes with"
							+ " tcpnet.server.unix-socket.enabled=false");
			this.results.settings.put("unix.socket", "java.nio SocketChannel on a UnixDomainSocketAddress, "
					+ "DataOutputStream over a 64 KiB BufferedOutputStream, int length + payload");
			for (int size : ThroughputLatencyBench.SIZES) {
				throughput(size, pairs);
			}
			latency(pairs);
		}
		finally {
			closeAll(children);
			deleteQuietly(sockets);
		}
	}

	private static Path socketDirectory() {
		try {
			return Files.createTempDirectory("tcpnet-bench-unix-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Pair socketPair(List<Child> children, Path sockets) {
		String file = sockets.resolve("plain.sock").toString();
		Child server = this.launcher.role("unix-socket-server", null, Launcher.FAST_JVM, "unix-socket-server",
				List.of(file));
		children.add(server);
		server.await(0, Child.tag("ready"), ANSWER);
		Child client = this.launcher.role("unix-socket-client", null, Launcher.FAST_JVM, "unix-socket-client",
				List.of(file));
		children.add(client);
		client.await(0, Child.tag("ready"), ANSWER);
		return new Pair(SOCKET, client, server, null);
	}

	private Pair tcpnetPair(List<Child> children, Path sockets, boolean unix) {
		String cluster = cluster(unix ? "bench-unix" : "bench-unix-tcp");
		String[] common = { "--tcpnet.server.address=127.0.0.1", "--tcpnet.discovery.mdns.enabled=false",
				"--tcpnet.delivery.buffer-max=" + this.options.bufferMax,
				"--tcpnet.delivery.buffer-max-size=" + Options.BUFFER_MAX_SIZE + "B", "--logging.level.root=WARN",
				"--logging.level.dev.tcpnet=INFO", "--tcpnet.server.unix-socket.enabled=" + unix,
				"--tcpnet.server.unix-socket.directory=" + sockets };
		String name = unix ? "unix" : "unix-tcp";
		Child receiver = this.launcher.role("tcpnet-" + name + "-receiver", null, Launcher.FAST_JVM, "node",
				Launcher.node(cluster, common));
		children.add(receiver);
		Line started = receiver.await(0, Child.tag("started"), Duration.ofSeconds(60));
		List<String> senderArgs = Launcher.node(cluster, common);
		senderArgs.add("--tcpnet.discovery.static.peers=127.0.0.1:" + started.integer(2));
		Child sender = this.launcher.role("tcpnet-" + name + "-sender", null, Launcher.FAST_JVM, "node", senderArgs);
		children.add(sender);
		Line connected = sender.await(0, Child.tag("connected"), Duration.ofSeconds(60));
		sender.await(0, Child.tag("ready"), Duration.ofSeconds(60));
		String transport = (connected.fields().length > 4) ? connected.fields()[4] : "?";
		String expected = unix ? "unix" : "tcp";
		if (!expected.equals(transport)) {
			throw new BenchmarkException("the " + name + " pair connected over " + transport + ", not " + expected);
		}
		return new Pair(unix ? Results.TCPNET : TCP, sender, receiver, started.fields()[1]);
	}

	private void throughput(int size, List<Pair> pairs) {
		String label = ThroughputLatencyBench.label(size);
		for (int run = 1; run <= this.options.runs; run++) {
			for (Pair pair : turn(run, pairs)) {
				double warmup = (run == 1) ? this.options.firstWarmup : this.options.settle;
				double[] rate = measureRate(pair, size, warmup);
				Measurement messages = this.results.of(SECTION, label + " messages/s", pair.system(), "msg/s", true);
				Measurement bytes = this.results.of(SECTION, label + " MB/s", pair.system(), "MB/s", true);
				messages.add(rate[0]);
				bytes.add(rate[1]);
				messages.charted = size < 65536;
				bytes.charted = size >= 65536;
				log("unix throughput %-6s %-17s run %d: %,.0f msg/s, %,.1f MB/s", label, pair.system(), run, rate[0],
						rate[1]);
			}
		}
	}

	private void latency(List<Pair> pairs) {
		String name = ThroughputLatencyBench.label(PING_SIZE) + " round trip";
		for (int run = 1; run <= this.options.runs; run++) {
			for (Pair pair : turn(run, pairs)) {
				int warmup = (run == 1) ? this.options.pingWarmup : this.options.pingWarmup / 5;
				Line line = pair.sender()
					.ask(pair.ping(PING_SIZE, warmup, this.options.pings, this.options.pingSeconds), "latency",
							Duration.ofSeconds((long) this.options.pingSeconds + 30));
				double p50 = Long.parseLong(line.fields()[1]) / 1e3;
				double p99 = Long.parseLong(line.fields()[2]) / 1e3;
				this.results.of(SECTION, name + " p50", pair.system(), "µs", false).add(p50);
				this.results.of(SECTION, name + " p99", pair.system(), "µs", false).add(p99);
				log("unix latency %-17s run %d: p50 %.1f µs, p99 %.1f µs over %s round trips", pair.system(), run, p50,
						p99, line.fields()[0]);
			}
		}
	}

	/** The systems in this run's order: rotated by one each run. */
	private static List<Pair> turn(int run, List<Pair> pairs) {
		List<Pair> turned = new ArrayList<>(pairs);
		java.util.Collections.rotate(turned, run - 1);
		return turned;
	}

	private double[] measureRate(Pair pair, int size, double warmup) {
		double seconds = warmup + this.options.window;
		pair.sender().send(pair.send(size, seconds + 10, this.options.window(size)));
		sleep(warmup);
		Line before = pair.receiver().ask("count", "count", ANSWER);
		sleep(this.options.window);
		Line after = pair.receiver().ask("count", "count", ANSWER);
		Line stopped = pair.sender().ask("stop", "stopped", Duration.ofSeconds(60));
		if (Long.parseLong(stopped.fields()[1]) > 0) {
			this.results.note(pair.system() + ": " + stopped.fields()[1] + " sends failed at "
					+ ThroughputLatencyBench.label(size) + " (unix section)");
		}
		drain(pair.receiver());
		double elapsed = (after.millis(2) - before.millis(2)) / 1e9;
		double messages = after.millis(0) - before.millis(0);
		double bytes = after.millis(1) - before.millis(1);
		return new double[] { messages / elapsed, bytes / 1e6 / elapsed };
	}

	private static void drain(Child receiver) {
		String last = "";
		for (int i = 0; i < 150; i++) {
			String count = receiver.ask("count", "count", ANSWER).fields()[0];
			if (count.equals(last)) {
				return;
			}
			last = count;
			sleep(0.2);
		}
	}

	private static void deleteQuietly(Path directory) {
		try (var files = Files.list(directory)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(directory);
		}
		catch (IOException ex) {
			// a temporary directory: the system cleans it up eventually
		}
	}

	/** One system's pair of processes and how to talk to it. */
	private record Pair(String system, Child sender, Child receiver, String peer) {

		String send(int size, double seconds, int window) {
			return (this.peer == null) ? "send " + size + " " + seconds
					: "send " + this.peer + " " + size + " " + seconds + " " + window + " " + TOPIC;
		}

		String ping(int size, int warmup, int count, double seconds) {
			return "ping " + ((this.peer == null) ? "" : this.peer + " ") + size + " " + warmup + " " + count + " "
					+ seconds;
		}

	}

}
