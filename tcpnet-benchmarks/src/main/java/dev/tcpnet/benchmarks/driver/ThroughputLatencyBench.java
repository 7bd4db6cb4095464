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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tcpnet.benchmarks.driver.Child.Line;

/**
 * Two nodes in separate JVMs on loopback against a plain socket sender and receiver (the
 * limit) and two JGroups members (the messaging peer, see {@link JGroupsContender}), all
 * with the same JVM flags, started side by side and measured in turns: messages per
 * second and payload bytes per second at the receiver for 64 B, 1 KiB and 64 KiB, with
 * the CPU time both processes spent per message, then request/reply round trips.
 *
 * <p>
 * Rates are counted by the receiving application over a fixed window after a warm-up that
 * is not counted; tcpnet's and JGroups' receivers check every message's sequence number.
 * The tcpnet sender keeps a window of unacknowledged sends, as the delivery contract
 * asks; each window ends with everything acknowledged.
 */
final class ThroughputLatencyBench extends Bench {

	static final int[] SIZES = { 64, 1024, 64 * 1024 };

	static final String SOCKET = "plain socket";

	private static final int PING_SIZE = 64;

	/**
	 * The busy poll of the latency section's second tcpnet pair: about a round trip here.
	 */
	static final String BUSY_POLL = "50us";

	/** The round trips' name, and the detail rows' variant of the polling pair. */
	static final String ROUND_TRIP = label(PING_SIZE) + " round trip";

	static final String POLLING = "busy-poll " + BUSY_POLL;

	/**
	 * The receiver's topic with a TopicListener, and the one it counts as
	 * PeerMessageEvents.
	 */
	private static final String DIRECT_TOPIC = "bench-direct";

	private static final String EVENTS_TOPIC = "bench";

	/**
	 * The receiver's topic with a TopicListener taking batches, sent to through a
	 * TopicStream.
	 */
	private static final String STREAM_TOPIC = "bench-stream";

	/** The suffix of the rows of the TopicStream path. */
	static final String STREAM_ROWS = "as TopicStream.send + onMessages";

	/** The receiver's topic with a {@code @TcpnetListener} method taking bytes. */
	private static final String ANNOTATED_TOPIC = "bench-annotated";

	/** The receiver's topic with a {@code @TcpnetListener} method taking a record. */
	private static final String JSON_TOPIC = "bench-json";

	/** Per receiver, the messages out of order it had counted after the last window. */
	private final Map<Child, Long> disorders = new HashMap<>();

	/** Per receiver, the messages sent to it so far that did not fail. */
	private final Map<Child, Long> expected = new HashMap<>();

	ThroughputLatencyBench(Options options, Launcher launcher, Namespaces namespaces, Results results) {
		super(options, launcher, namespaces, results);
	}

	@Override
	void run() {
		List<Child> children = new ArrayList<>();
		try {
			Pair socket = socketPair(children);
			Pair tcpnet = tcpnetPair(children);
			Pair jgroups = jgroupsPair(children);
			List<Pair> contenders = (jgroups != null) ? List.of(socket, tcpnet, jgroups) : List.of(socket, tcpnet);
			this.results.settings.put("throughput.jvm", String.join(" ", Launcher.FAST_JVM));
			this.results.settings.put("throughput.windows",
					Format.f(
							"%.1f s counted after %.1f s of sending (first window of a size) or %.1f s (the others);"
									+ " %d runs, contenders in rotating order",
							this.options.window, this.options.firstWarmup, this.options.settle, this.options.runs));
			this.results.settings.put("latency.round-trips",
					Format.f("%d measured after %d not measured (first run; %d later), at most %.0f s",
							this.options.pings, this.options.pingWarmup, this.options.pingWarmup / 5,
							this.options.pingSeconds));
			this.results.settings.put("throughput.tcpnet", "Tcpnet.send from one thread with a window of"
					+ " unacknowledged futures, every payload a fresh array with a sequence number (but JSON's);"
					+ " counted and checked for order at the receiver by a TopicListener (and, in the rows"
					+ " 'as PeerMessageEvents', by an @EventListener, and in the rows 'as @TcpnetListener', by"
					+ " an annotated method taking the bytes or a record converted from JSON); static peer,"
					+ " no mDNS; in the rows 'as TopicStream.send + onMessages', TopicStream.send(payload, 5 s)"
					+ " from one thread and one flush() at the end, counted by a TopicListener's onMessages");
			this.results.settings.put("throughput.jgroups", JGroupsContender.DESCRIPTION);
			this.results.settings.put("throughput.socket", "DataOutputStream over a 64 KiB BufferedOutputStream,"
					+ " int length + payload; ping-pong flushes every message; TCP_NODELAY");
			this.results.settings.put("throughput.tcpnet.delivery.buffer-max",
					Integer.toString(this.options.bufferMax));
			this.results.settings.put("throughput.tcpnet.delivery.buffer-max-size", Options.BUFFER_MAX_SIZE + " B");
			for (int size : SIZES) {
				this.results.settings.put("throughput.tcpnet.sender-window." + label(size).replace(" ", ""),
						Integer.toString(this.options.window(size)));
			}
			if (this.options.runs("throughput")) {
				for (int size : SIZES) {
					throughput(size, contenders, tcpnet);
				}
			}
			if (this.options.runs("latency")) {
				// Started here, idle through the throughput section: a node that polls
				// would take CPU from the other contenders while they are measured.
				Pair polling = tcpnetPair(children, "--tcpnet.server.busy-poll=" + BUSY_POLL);
				this.results.settings.put("latency.tcpnet.busy-poll", "the rows 'busy-poll " + BUSY_POLL
						+ "': a second tcpnet pair, both nodes with tcpnet.server.busy-poll=" + BUSY_POLL);
				latency(contenders, tcpnet, polling);
			}
		}
		finally {
			closeAll(children);
		}
	}

	private Pair socketPair(List<Child> children) {
		Child server = this.launcher.role("socket-server", null, Launcher.FAST_JVM, "socket-server", List.of());
		children.add(server);
		int port = server.await(0, Child.tag("port"), ANSWER).integer(0);
		Child client = this.launcher.role("socket-client", null, Launcher.FAST_JVM, "socket-client",
				List.of("127.0.0.1", Integer.toString(port)));
		children.add(client);
		client.await(0, Child.tag("ready"), ANSWER);
		return new Pair(SOCKET, client, server, null, null);
	}

	/**
	 * The JGroups pair, or {@code null} (and a note) when it did not start: the other
	 * figures are still worth having.
	 * @param children where the started processes go
	 * @return the pair, or {@code null}
	 */
	private Pair jgroupsPair(List<Child> children) {
		try {
			return JGroupsContender.start(this.launcher, children, Launcher.FAST_JVM);
		}
		catch (BenchmarkException ex) {
			this.results.note(JGroupsContender.NAME + " did not start: " + ex.getMessage());
			return null;
		}
	}

	private Pair tcpnetPair(List<Child> children, String... settings) {
		String cluster = cluster("bench-throughput");
		// No discovery, no multicast: the sender dials the receiver's loopback address.
		String[] common = { "--tcpnet.server.address=127.0.0.1", "--tcpnet.discovery.mdns.enabled=false",
				"--tcpnet.delivery.buffer-max=" + this.options.bufferMax,
				"--tcpnet.delivery.buffer-max-size=" + Options.BUFFER_MAX_SIZE + "B", "--logging.level.root=WARN",
				"--logging.level.dev.tcpnet=INFO",
				// TCP against the plain TCP socket: the Unix-domain path has its own
				// section
				"--tcpnet.server.unix-socket.enabled=false" };
		common = Stream.concat(Arrays.stream(common), Arrays.stream(settings)).toArray(String[]::new);
		Child receiver = this.launcher.role("tcpnet-receiver", null, Launcher.FAST_JVM, "node",
				Launcher.node(cluster, common));
		children.add(receiver);
		Line started = receiver.await(0, Child.tag("started"), Duration.ofSeconds(60));
		List<String> senderArgs = Launcher.node(cluster, common);
		senderArgs.add("--tcpnet.discovery.static.peers=127.0.0.1:" + started.integer(2));
		Child sender = this.launcher.role("tcpnet-sender", null, Launcher.FAST_JVM, "node", senderArgs);
		children.add(sender);
		sender.await(0, Child.tag("connected"), Duration.ofSeconds(60));
		sender.await(0, Child.tag("ready"), Duration.ofSeconds(60));
		return new Pair(Results.TCPNET, sender, receiver, started.fields()[1], DIRECT_TOPIC);
	}

	private void throughput(int size, List<Pair> contenders, Pair tcpnet) {
		String label = label(size);
		for (int run = 1; run <= this.options.runs; run++) {
			for (Pair pair : order(run, contenders)) {
				double warmup = (run == 1) ? this.options.firstWarmup : this.options.settle;
				double[] rate = measureRate(pair, size, warmup);
				// The chart shows messages/s for small messages and bytes/s for large
				// ones, as the goals do.
				Measurement messages = this.results.of("throughput", label + " messages/s", pair.system(), "msg/s",
						true);
				Measurement bytes = this.results.of("throughput", label + " MB/s", pair.system(), "MB/s", true);
				messages.add(rate[0]);
				bytes.add(rate[1]);
				// CPU per message hardly depends on what else the machine runs: the
				// figure to
				// compare across runs on a shared machine.
				Measurement cpu = this.results.of("throughput", label + " CPU per message", pair.system(), "ns", false);
				cpu.add(rate[2]);
				cpu.charted = false;
				messages.charted = size < 65536;
				bytes.charted = size >= 65536;
				log("throughput %-6s %-12s run %d: %,.0f msg/s, %,.1f MB/s, %,.0f ns CPU per message", label,
						pair.system(), run, rate[0], rate[1], rate[2]);
			}
			asEvents(size, tcpnet.asEvents(), run);
			annotated(size, tcpnet.on(STREAM_TOPIC), STREAM_ROWS, run);
			if (size < 65536) {
				annotated(size, tcpnet.on(ANNOTATED_TOPIC), "as @TcpnetListener(byte[])", run);
				annotated(size, tcpnet.on(JSON_TOPIC), "as @TcpnetListener(record from JSON)", run);
			}
		}
	}

	/**
	 * The same throughput with every message delivered to an annotated listener method.
	 * @param size the payload size
	 * @param tcpnet the tcpnet pair, on the method's topic
	 * @param how the rows' suffix
	 * @param run the run's number
	 */
	private void annotated(int size, Pair tcpnet, String how, int run) {
		String label = label(size);
		double[] rate = measureRate(tcpnet, size, this.options.settle);
		Measurement messages = this.results.of("throughput", label + " messages/s, " + how, tcpnet.system(), "msg/s",
				true);
		messages.add(rate[0]);
		messages.charted = false;
		Measurement cpu = this.results.of("throughput", label + " CPU per message, " + how, tcpnet.system(), "ns",
				false);
		cpu.add(rate[2]);
		cpu.charted = false;
		log("throughput %-6s %-12s run %d, %s: %,.0f msg/s, %,.0f ns CPU per message", label, tcpnet.system(), run, how,
				rate[0], rate[2]);
	}

	/**
	 * The same throughput with every message published as a PeerMessageEvent.
	 * @param size the payload size
	 * @param tcpnet the tcpnet pair
	 * @param run the run's number
	 */
	private void asEvents(int size, Pair tcpnet, int run) {
		String label = label(size);
		double[] rate = measureRate(tcpnet, size, this.options.settle);
		Measurement messages = this.results.of("throughput", label + " messages/s, as PeerMessageEvents",
				tcpnet.system(), "msg/s", true);
		messages.add(rate[0]);
		messages.charted = false;
		Measurement cpu = this.results.of("throughput", label + " CPU per message, as PeerMessageEvents",
				tcpnet.system(), "ns", false);
		cpu.add(rate[2]);
		cpu.charted = false;
		log("throughput %-6s %-12s run %d, as PeerMessageEvents: %,.0f msg/s, %,.0f ns CPU per message", label,
				tcpnet.system(), run, rate[0], rate[2]);
	}

	/**
	 * Messages and megabytes (10^6 B of payload) per second, as counted by the receiver,
	 * and the CPU time both processes spent per message.
	 * @param pair the sender and receiver
	 * @param size the payload size
	 * @param warmup seconds before the measured window
	 * @return {@code {messages/s, MB/s, CPU time per message}}
	 */
	private double[] measureRate(Pair pair, int size, double warmup) {
		double seconds = warmup + this.options.window;
		pair.sender().send(pair.send(size, seconds + 10, this.options.window(size)));
		sleep(warmup);
		Line before = pair.receiver().ask("count", "count", ANSWER);
		long cpuBefore = pair.sender().cpuNanos() + pair.receiver().cpuNanos();
		sleep(this.options.window);
		Line after = pair.receiver().ask("count", "count", ANSWER);
		long cpu = pair.sender().cpuNanos() + pair.receiver().cpuNanos() - cpuBefore;
		Line stopped = pair.sender().ask("stop", "stopped", Duration.ofSeconds(60));
		if (Long.parseLong(stopped.fields()[1]) > 0) {
			this.results.note(pair.system() + ": " + stopped.fields()[1] + " sends failed at " + label(size));
		}
		// Every message sent and not failed arrives before the next window starts.
		long expected = this.expected.merge(pair.receiver(),
				Long.parseLong(stopped.fields()[0]) - Long.parseLong(stopped.fields()[1]), Long::sum);
		Line drained = drain(pair.receiver(), expected);
		if (drained.millis(0) < expected) {
			this.results.note(pair.system() + ": " + (expected - drained.millis(0)) + " messages sent at " + label(size)
					+ " had not arrived 30 s after the window");
		}
		long disorders = (drained.fields().length > 3) ? drained.millis(3) : 0;
		Long previous = this.disorders.put(pair.receiver(), disorders);
		if (disorders > ((previous != null) ? previous : 0)) {
			this.results.note(pair.system() + ": messages out of order at " + label(size)
					+ ((pair.topic() != null) ? " on " + pair.topic() : "") + " (" + disorders + " in all)");
		}
		double elapsed = (after.millis(2) - before.millis(2)) / 1e9;
		double messages = after.millis(0) - before.millis(0);
		double bytes = after.millis(1) - before.millis(1);
		return new double[] { messages / elapsed, bytes / 1e6 / elapsed, cpu / messages };
	}

	/**
	 * Waits until every message sent so far has arrived (at most 30 s), so that one
	 * window does not spill into the next: a receiver that pauses (a retransmission, a
	 * collection) is not yet drained.
	 * @param receiver the receiving process
	 * @param expected the messages sent to it so far that did not fail
	 * @return the receiver's last count
	 */
	private static Line drain(Child receiver, long expected) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		Line line = receiver.ask("count", "count", ANSWER);
		while (line.millis(0) < expected && System.nanoTime() < deadline) {
			sleep(0.05);
			line = receiver.ask("count", "count", ANSWER);
		}
		return line;
	}

	private void latency(List<Pair> contenders, Pair tcpnet, Pair polling) {
		String name = ROUND_TRIP;
		for (int run = 1; run <= this.options.runs; run++) {
			for (Pair pair : order(run, contenders)) {
				int warmup = (run == 1) ? this.options.pingWarmup : this.options.pingWarmup / 5;
				Line line = pair.sender()
					.ask(pair.ping(PING_SIZE, warmup, this.options.pings, this.options.pingSeconds), "latency",
							Duration.ofSeconds((long) this.options.pingSeconds + 30));
				double p50 = Long.parseLong(line.fields()[1]) / 1e3;
				double p99 = Long.parseLong(line.fields()[2]) / 1e3;
				this.results.of("latency", name + " p50", pair.system(), "µs", false).add(p50);
				this.results.of("latency", name + " p99", pair.system(), "µs", false).add(p99);
				log("latency %-12s run %d: p50 %.1f µs, p99 %.1f µs over %s round trips", pair.system(), run, p50, p99,
						line.fields()[0]);
			}
			// A handler that may block (the default) runs on the request threads: two
			// more hand-offs between threads.
			detailRoundTrips(tcpnet, "bench-echo-pooled", name, "handler on request threads", run,
					this.options.pingWarmup / 5);
			// The polling pair's first run warms it up as the other pairs' first runs do.
			detailRoundTrips(polling, "", name, POLLING, run,
					(run == 1) ? this.options.pingWarmup : this.options.pingWarmup / 5);
		}
	}

	/**
	 * Round trips of a variant of tcpnet's, as detail rows.
	 * @param pair the pair to measure
	 * @param topic the echoing handler's topic ("": the default echo)
	 * @param name the figure's name
	 * @param variant what is different, for the rows' names
	 * @param run the run's number
	 * @param warmup round trips before the measured ones
	 */
	private void detailRoundTrips(Pair pair, String topic, String name, String variant, int run, int warmup) {
		Line line = pair.sender()
			.ask(pair.ping(PING_SIZE, warmup, this.options.pings, this.options.pingSeconds, topic), "latency",
					Duration.ofSeconds((long) this.options.pingSeconds + 30));
		double p50 = Long.parseLong(line.fields()[1]) / 1e3;
		double p99 = Long.parseLong(line.fields()[2]) / 1e3;
		this.results.detail("latency", name + " p50, " + variant, pair.system(), "µs", false).add(p50);
		this.results.detail("latency", name + " p99, " + variant, pair.system(), "µs", false).add(p99);
		log("latency %-12s run %d, %s: p50 %.1f µs, p99 %.1f µs", pair.system(), run, variant, p50, p99);
	}

	static String label(int size) {
		return (size >= 1024) ? (size / 1024) + " KiB" : size + " B";
	}

	/**
	 * One system's pair of processes and how to talk to it: tcpnet's commands name the
	 * peer and the topic, the others' do not.
	 *
	 * @param system the system's name in the results
	 * @param sender the sending (and pinging) process
	 * @param receiver the receiving (and answering) process
	 * @param peer tcpnet: the receiver's node id; {@code null} otherwise
	 * @param topic tcpnet: the topic sent to; {@code null} otherwise
	 */
	record Pair(String system, Child sender, Child receiver, String peer, String topic) {

		String send(int size, double seconds, int window) {
			return (this.peer == null) ? "send " + size + " " + seconds
					: "send " + this.peer + " " + size + " " + seconds + " " + window + " " + this.topic;
		}

		/**
		 * The same tcpnet pair, sending to a topic whose messages are delivered as
		 * events.
		 * @return the pair
		 */
		Pair asEvents() {
			return on(EVENTS_TOPIC);
		}

		/**
		 * The same tcpnet pair, sending to another topic.
		 * @param topic the topic
		 * @return the pair
		 */
		Pair on(String topic) {
			return new Pair(this.system, this.sender, this.receiver, this.peer, topic);
		}

		String ping(int size, int warmup, int count, double seconds) {
			return ping(size, warmup, count, seconds, "");
		}

		/**
		 * tcpnet only: a round trip answered by the handler of {@code topic}.
		 * @param size the payload size
		 * @param warmup round trips before the measured ones
		 * @param count the measured round trips
		 * @param seconds the longest the measurement may take
		 * @param topic the topic
		 * @return the command
		 */
		String ping(int size, int warmup, int count, double seconds, String topic) {
			return ("ping " + ((this.peer == null) ? "" : this.peer + " ") + size + " " + warmup + " " + count + " "
					+ seconds + " " + topic)
				.trim();
		}

	}

}
