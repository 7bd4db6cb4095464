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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One case of {@link HostileNodeIT}: a fresh target node {@code t} in a JVM of its own
 * with {@code -Xmx256m -XX:MaxDirectMemorySize=128m}, two legitimate peers {@code l1} and
 * {@code l2} (and for the stopped-process case a third, {@code p3}), each a driver
 * process on 127.0.0.1 of this machine, found by static seeds (mDNS off), in a cluster of
 * their own. The legitimate nodes exchange numbered messages the whole time; the test
 * attacks {@code t} meanwhile, and asks {@code t} for its memory before, during and
 * after.
 */
final class HostileScenario implements AutoCloseable {

	/**
	 * The legitimate traffic's run: each of t, l1, l2 sends it to each of the other two.
	 */
	static final String LEGIT_RUN = "legit";

	static final double LEGIT_RATE = 100;

	static final List<String> TARGET_JVM = List.of("-Xmx256m", "-XX:MaxDirectMemorySize=128m", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1");

	static final List<String> PEER_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

	private static final Pattern ERROR_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR ");

	private static final Pattern WARNING_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN|ERROR) ");

	private final String cluster = "tcpnet-hostile-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());

	private final List<DriverNode> nodes = new CopyOnWriteArrayList<>();

	private DriverNode target;

	private DriverNode l1;

	private DriverNode l2;

	private @Nullable DriverNode victim;

	private int targetPort;

	private long legitStart;

	private int legitCount;

	private HostileScenario() {
	}

	/**
	 * Starts t (with further properties), then l1, l2 and when asked p3, and waits for
	 * the full mesh.
	 */
	static HostileScenario start(Path jar, List<String> targetProperties, boolean withVictim) {
		HostileScenario scenario = new HostileScenario();
		try {
			scenario.startNodes(jar, targetProperties, withVictim);
			return scenario;
		}
		catch (RuntimeException | Error ex) {
			scenario.close();
			throw ex;
		}
	}

	private void startNodes(Path jar, List<String> targetProperties, boolean withVictim) {
		// t's port is chosen here, so that every node starts at once (JVM start-up is
		// most of
		// a case's set-up): a port taken meanwhile fails t's start, loudly.
		this.targetPort = freePort();
		List<String> targetArgs = new ArrayList<>(common());
		targetArgs.add("--tcpnet.server.port=" + this.targetPort);
		targetArgs.addAll(targetProperties);
		this.target = DriverNode.startLocal("t", jar, TARGET_JVM, targetArgs);
		this.nodes.add(this.target);
		List<String> peerArgs = new ArrayList<>(common());
		peerArgs.add("--tcpnet.discovery.static.peers=127.0.0.1:" + this.targetPort);
		this.l1 = DriverNode.startLocal("l1", jar, PEER_JVM, peerArgs);
		this.nodes.add(this.l1);
		this.l2 = DriverNode.startLocal("l2", jar, PEER_JVM, peerArgs);
		this.nodes.add(this.l2);
		if (withVictim) {
			this.victim = DriverNode.startLocal("p3", jar, PEER_JVM, peerArgs);
			this.nodes.add(this.victim);
		}
		this.nodes.forEach(DriverNode::pid);
		awaitMesh();
	}

	private static int freePort() {
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return probe.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private List<String> common() {
		// Heartbeat and reconnect settings are the defaults (interval 1 s, timeout 3 s),
		// as an
		// application has them. The drivers exit when this JVM goes (standard input
		// closes) and
		// after 5 minutes whatever happens.
		return List.of("--tcpnet.cluster=" + this.cluster, "--tcpnet.server.address=127.0.0.1",
				"--tcpnet.discovery.mdns.enabled=false", "--tcpnet.discovery.static.refresh-interval=500ms",
				"--fault.exit-on-stdin-eof=true", "--fault.max-lifetime=5m", "--fault.settle-timeout=15s",
				"--fault.progress-every=1000", "--fault.dropped-lines-max=100");
	}

	private void awaitMesh() {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			for (DriverNode node : this.nodes) {
				List<String> expected = this.nodes.stream()
					.filter((n) -> n != node)
					.map(DriverNode::id)
					.sorted()
					.toList();
				assertThat(node.peers()).as("%s's peers", node.id()).isEqualTo(expected);
			}
		});
	}

	String cluster() {
		return this.cluster;
	}

	DriverNode target() {
		return this.target;
	}

	DriverNode victim() {
		if (this.victim == null) {
			throw new IllegalStateException("no victim in this scenario");
		}
		return this.victim;
	}

	int targetPort() {
		return this.targetPort;
	}

	List<DriverNode> legitimate() {
		return List.of(this.target, this.l1, this.l2);
	}

	/**
	 * Starts the legitimate traffic: each of t, l1 and l2 sends {@link #LEGIT_RATE}
	 * numbered messages a second to each of the other two, for the given time; waits
	 * until the first second of it has been sent.
	 */
	void startLegitTraffic(Duration duration) {
		this.legitStart = System.currentTimeMillis();
		this.legitCount = (int) (LEGIT_RATE * duration.toSeconds());
		for (DriverNode sender : legitimate()) {
			for (DriverNode receiver : legitimate()) {
				if (sender != receiver) {
					sender
						.command("send " + LEGIT_RUN + " " + receiver.id() + " " + this.legitCount + " " + LEGIT_RATE);
				}
			}
		}
		for (DriverNode sender : legitimate()) {
			sender.awaitLine("SEND", (line) -> line.is("run", LEGIT_RUN) && line.number("sent") >= LEGIT_RATE,
					Duration.ofSeconds(30));
		}
	}

	/**
	 * Waits for the legitimate runs to end and checks them: every sender's futures
	 * completed, every receiver got every other node's numbers once, in order, without a
	 * gap; no node saw another legitimate one disconnect, reconnect or a legitimate
	 * message dropped.
	 * @return one summary line per sender and receiver, for the figures
	 */
	List<String> checkLegitTraffic(SoftAssertions softly) {
		List<String> summaries = new ArrayList<>();
		Duration runTime = Duration.ofMillis((long) (this.legitCount * 1000 / LEGIT_RATE));
		long end = this.legitStart + runTime.toMillis() + 20_000;
		for (DriverNode sender : legitimate()) {
			for (DriverNode receiver : legitimate()) {
				if (sender != receiver) {
					summaries.add(checkLegitRun(softly, sender, receiver, end));
				}
			}
		}
		for (DriverNode node : legitimate()) {
			List<String> others = legitimate().stream().filter((n) -> n != node).map(DriverNode::id).toList();
			List<Line> noticed = node.lines("EVENT",
					(line) -> line.time() >= this.legitStart && others.contains(line.get("peer")));
			softly.assertThat(noticed).as("%s's events about legitimate peers during the case", node.id()).isEmpty();
		}
		return summaries;
	}

	private String checkLegitRun(SoftAssertions softly, DriverNode sender, DriverNode receiver, long end) {
		String pair = sender.id() + "->" + receiver.id();
		Optional<Line> done = awaitOptional(sender, "SEND", (line) -> line.is("run", LEGIT_RUN)
				&& line.is("target", receiver.id()) && (line.is("state", "DONE") || line.is("state", "CANCELLED")),
				end);
		if (done.isEmpty()) {
			softly.fail("%s: the legitimate run did not end by %s ms after it started", pair, end - this.legitStart);
			return pair + ": did not end";
		}
		Line sent = done.get();
		softly.assertThat(sent.number("completed"))
			.as("%s futures completed (%s)", pair, sent)
			.isEqualTo(this.legitCount);
		Line received = receivedRun(receiver, sender.id(), this.legitCount, end);
		if (received == null) {
			softly.fail("%s: %s has received nothing of the run", pair, receiver.id());
			return pair + ": nothing received";
		}
		softly.assertThat(received.number("received"))
			.as("%s received (%s)", pair, received)
			.isEqualTo(this.legitCount);
		softly.assertThat(received.number("distinct")).as("%s distinct", pair).isEqualTo(this.legitCount);
		softly.assertThat(received.number("duplicates")).as("%s duplicates", pair).isZero();
		softly.assertThat(received.number("outOfOrder")).as("%s out of order", pair).isZero();
		softly.assertThat(received.number("missing")).as("%s gaps", pair).isZero();
		return "%s: sent %d, completed %s, failed %s (%s); received %s, dup %s, out of order %s, gaps %s".formatted(
				pair, this.legitCount, sent.get("completed"), sent.get("failed"), sent.get("failures"),
				received.get("received"), received.get("duplicates"), received.get("outOfOrder"),
				received.get("missing"));
	}

	/**
	 * The receiver's summary of a run once it has {@code count} messages, or by the end.
	 */
	static @Nullable Line receivedRun(DriverNode receiver, String from, int count, long end) {
		Line last = null;
		while (true) {
			Optional<Line> run = statsRun(receiver, from);
			if (run.isPresent()) {
				last = run.get();
				if (last.number("received") >= count) {
					// A little longer: a late duplicate would arrive within it.
					sleep(300);
					return statsRun(receiver, from).orElse(last);
				}
			}
			if (System.currentTimeMillis() > end || !receiver.isAlive()) {
				return last;
			}
			sleep(250);
		}
	}

	private static Optional<Line> statsRun(DriverNode receiver, String from) {
		try {
			return receiver.stats().run(from, LEGIT_RUN);
		}
		catch (AssertionError | IllegalStateException ex) {
			// it did not answer (or is gone): nothing more to learn
			return Optional.empty();
		}
	}

	static Optional<Line> awaitOptional(DriverNode node, String kind, Predicate<Line> matching, long end) {
		while (true) {
			List<Line> lines = node.lines(kind, matching);
			if (!lines.isEmpty()) {
				return Optional.of(lines.get(0));
			}
			if (System.currentTimeMillis() > end || !node.isAlive()) {
				return Optional.empty();
			}
			sleep(100);
		}
	}

	/**
	 * Asks t for its memory ({@link MemoryProbe}).
	 * @return the figures, or empty when t did not answer within the timeout
	 */
	Optional<Memory> memory(String id, Duration timeout) {
		String request = "mem-" + id + "-" + ThreadLocalRandom.current().nextInt(1 << 20);
		try {
			this.target.command("memory " + request);
		}
		catch (IllegalStateException ex) {
			return Optional.empty();
		}
		return awaitOptional(this.target, "MEMORY", (line) -> line.is("id", request),
				System.currentTimeMillis() + timeout.toMillis())
			.map(Memory::of);
	}

	/**
	 * The {@code tcpnet.*} meters of t, by {@code name{tag:value}}; empty when t does not
	 * answer.
	 */
	Map<String, Double> targetMeters() {
		try {
			return new TreeMap<>(this.target.stats().meters());
		}
		catch (AssertionError | IllegalStateException ex) {
			return Map.of();
		}
	}

	/**
	 * Lines of t's output that are signs of failure: an {@code OutOfMemoryError}
	 * anywhere, a log line at ERROR, an exception that escaped to a thread's top, or the
	 * driver's own {@code FAULT-ERROR}.
	 */
	List<String> targetFailureLines() {
		return this.target.outputSince(0)
			.stream()
			.filter((line) -> line.contains("OutOfMemoryError") || ERROR_LINE.matcher(line).find()
					|| line.startsWith("Exception in thread") || line.contains("FAULT-ERROR"))
			.toList();
	}

	/**
	 * WARN and ERROR lines of t from a mark on that name one of the given strings (remote
	 * addresses, node ids).
	 */
	List<String> targetWarningsNaming(int mark, List<String> names) {
		// A name followed by a digit is another port (or id) that starts alike.
		List<Pattern> patterns = names.stream()
			.filter((name) -> name != null && !name.isEmpty())
			.map((name) -> Pattern.compile(Pattern.quote(name) + "(?![0-9])"))
			.toList();
		return this.target.outputSince(mark)
			.stream()
			.filter((line) -> WARNING_LINE.matcher(line).find())
			.filter((line) -> patterns.stream().anyMatch((pattern) -> pattern.matcher(line).find()))
			.toList();
	}

	long legitStart() {
		return this.legitStart;
	}

	@Override
	public void close() {
		for (DriverNode node : this.nodes) {
			if (node.isAlive()) {
				// A stopped process dies of SIGKILL too; SIGCONT first lets its pipes
				// drain.
				NetLab.run(List.of("kill", "-s", "CONT", Long.toString(node.process().pid())));
				node.killForcibly();
			}
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One {@code FAULT-MEMORY} line of t, in bytes.
	 */
	record Memory(long time, long heap, long jvmDirect, long nettyNoCleaner, long nettyAllocator, long counted,
			long rss) {

		static Memory of(Line line) {
			return new Memory(line.time(), line.number("heap"), line.number("jvmDirect"), line.number("nettyNoCleaner"),
					line.number("nettyAllocator"), line.number("counted"), line.number("rss"));
		}

		static String mib(long bytes) {
			return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
		}

		@Override
		public String toString() {
			return "counted " + mib(this.counted) + " (heap " + mib(this.heap) + ", JVM direct " + mib(this.jvmDirect)
					+ ", Netty no-cleaner " + mib(this.nettyNoCleaner) + "; Netty allocator " + mib(this.nettyAllocator)
					+ ", RSS " + mib(this.rss) + ")";
		}

	}

}
