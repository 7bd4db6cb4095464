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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No peer can take a node down (issue 15): six attacks, each on a fresh target node
 * {@code t} in a JVM of its own ({@code -Xmx256m -XX:MaxDirectMemorySize=128m}, so an
 * {@code OutOfMemoryError} in any of its threads shows in its output), while two
 * legitimate peers {@code l1} and {@code l2} exchange numbered messages with it and with
 * each other ({@link HostileScenario}). Every node is a driver process
 * ({@link FaultDriverApplication}) on 127.0.0.1 of this machine, found by static seeds
 * with mDNS off: nothing leaves the machine, and no namespace (so no root) is needed,
 * since the attackers are raw sockets in this JVM that must reach the target. The
 * attackers speak the wire by hand ({@link HostileWire}, protocol version 1 as it is
 * today).
 *
 * <p>
 * Run alone: {@code ./mvnw -B -pl tcpnet-fault-tests -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=HostileNodeIT -Dfailsafe.failIfNoSpecifiedTests=false}.
 *
 * <p>
 * Every case asserts, softly so that one run shows every failure:
 * <ol>
 * <li>no {@code OutOfMemoryError}, no ERROR line, no exception escaped, anywhere in t's
 * output;</li>
 * <li>t's heap after a full GC plus its direct memory ({@link MemoryProbe}'s
 * {@code counted}) grows by at most {@value #MEMORY_GROWTH_MIB} MiB from before the
 * attack to after it;</li>
 * <li>the offending connection is closed by t with a reason counted in t's meters, and
 * exactly one WARN (or ERROR) line of t names it (its remote address, or its node id once
 * admitted: refusals are logged once per host and minute);</li>
 * <li>the legitimate traffic notices nothing: every number of every run arrives once, in
 * order, without a gap, every future completes, no legitimate node sees another
 * disconnect or reconnect.</li>
 * </ol>
 * The case of large messages to a slow listener is the exception to (3): that peer breaks
 * no rule, so it is throttled (reads pause), not closed, and the case asserts that
 * instead. Properties the fixes of issue 15 add are set where a case needs them
 * ({@code tcpnet.heartbeat.write-timeout},
 * {@code tcpnet.delivery.receive-buffer-max-size}); before they exist Spring ignores
 * them. Figures go to {@code target/hostile-figures.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileNodeIT {

	static final int MEMORY_GROWTH_MIB = 32;

	private static final long MEMORY_GROWTH_BOUND = MEMORY_GROWTH_MIB * 1024L * 1024L;

	/** The longest any attack lasts; the attackers' sockets are closed after it. */
	private static final Duration ATTACK_BOUND = Duration.ofSeconds(15);

	/**
	 * Legitimate traffic of the cases but the last: longer than any attack, at least 20
	 * s.
	 */
	private static final Duration LEGIT = Duration.ofSeconds(22);

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

	private static final int MAX_FRAME_SIZE = 8 * 1024 * 1024;

	private static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);

	/**
	 * {@code SO_RCVBUF} of the attackers that never read: what t writes backs up in t.
	 */
	private static final int SMALL_WINDOW = 8 * 1024;

	/**
	 * Payload of the application's tight loop in case 5: its buffer of 16 MiB of
	 * unacknowledged payload (1,024 messages; {@code tcpnet.delivery.buffer-max-size}) is
	 * more than the kernel's socket buffers take, so the connection's outbound data stops
	 * making progress, as it does for a peer that stopped reading.
	 */
	private static final int FLOOD_PAYLOAD = 16 * 1024;

	private static final List<String> TARGET_COMMON = List
		.of("--tcpnet.heartbeat.write-timeout=" + WRITE_TIMEOUT.toSeconds() + "s");

	private static Path jar;

	private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "hostile-watchdog");
		thread.setDaemon(true);
		return thread;
	});

	@BeforeAll
	static void driverJar() {
		jar = Path.of(System.getProperty("fault.driver.jar", "target/tcpnet-fault-driver.jar"));
		assertThat(jar).as("the packaged fault driver (run 'package' first)").isRegularFile();
	}

	@AfterEach
	void stopWatchdog() {
		this.watchdog.shutdownNow();
	}

	@AfterAll
	static void printFigures() {
		CaseReport.printAll(Path.of(System.getProperty("build.directory", "target"), "hostile-figures.txt"));
	}

	// 1
	@Test
	@Order(1)
	void unauthenticatedConnectionsDeclaringMaximalFramesAndTricklingTheirBodies() {
		int connections = 256;
		// 128 KiB/s per connection: an 8 MiB body would take a minute, but 256 of them
		// buffered
		// until the handshake timeout (5 s) are 160 MiB, more than the direct memory
		// there is.
		int chunk = 32 * 1024;
		Duration period = Duration.ofMillis(250);
		runCase("1 unauthenticated: 256 x 8 MiB frame declared, body trickled", TARGET_COMMON, false, LEGIT,
				(scenario, report, softly) -> {
					TrickleAttack attack = TrickleAttack.open(scenario.targetPort(), connections, MAX_FRAME_SIZE);
					try {
						attack.trickle(chunk, period, ATTACK_BOUND, MAX_FRAME_SIZE);
					}
					finally {
						attack.close();
					}
					long[] delays = attack.closeDelays();
					report.add("attack",
							connections + " connections, preface + header of a " + MAX_FRAME_SIZE + "-byte hello, body "
									+ chunk / 1024 + " KiB per connection every " + period.toMillis() + " ms; "
									+ attack.bytesSent() / 1024 / 1024 + " MiB sent in all");
					report.add("closed by t (attack start ->)",
							(delays.length == 0) ? "none within the bound"
									: delays.length + " of " + connections + ": first " + delays[0] + " ms, median "
											+ delays[delays.length / 2] + " ms, last " + delays[delays.length - 1]
											+ " ms" + " (seen by the attacker, every " + period.toMillis() + " ms)");
					softly.assertThat(attack.open())
						.as("connections t left open for %s s", ATTACK_BOUND.toSeconds())
						.isZero();
					return new Offender(attack.addresses(),
							Map.of("tcpnet.handshakes.rejected{reason:limit}", (long) connections,
									"tcpnet.connections.closed{reason:rejected,transport:tcp}", (long) connections),
							(delays.length == connections) ? attack.started() + delays[delays.length - 1] : 0,
							attack.started());
				});
	}

	// 2
	@Test
	@Order(2)
	void admittedPeerThatNeverReadsAndFloodsPings() {
		runCase("2 admitted peer never reads, floods PING", TARGET_COMMON, false, LEGIT, (scenario, report, softly) -> {
			byte[] block = HostileWire.repeated(HostileWire.ping(42L), 64 * 1024);
			return floodNeverReading(scenario, report, "raw-pings", (seq) -> block,
					"PING frames (13 bytes) in 64 KiB writes");
		});
	}

	// 3
	@Test
	@Order(3)
	void admittedPeerThatNeverReadsAndFloodsRequests() {
		runCase("3 admitted peer never reads, floods REQUEST to echo", TARGET_COMMON, false, LEGIT,
				(scenario, report, softly) -> {
					byte[] payload = new byte[256];
					long[] next = { 1 };
					return floodNeverReading(scenario, report, "raw-requests", (round) -> {
						List<byte[]> frames = new ArrayList<>();
						int bytes = 0;
						while (bytes < 64 * 1024) {
							long seq = next[0]++;
							byte[] frame = HostileWire.envelope(seq, HostileWire.KIND_REQUEST, seq, EchoHandler.TOPIC,
									payload);
							frames.add(frame);
							bytes += frame.length;
						}
						return HostileWire.concat(frames.toArray(byte[][]::new));
					}, "REQUEST envelopes to 'echo' (256-byte payload, seq 1, 2, ...) in 64 KiB writes");
				});
	}

	// 4
	@Test
	@Order(4)
	void peerSendingLargeMessagesToASlowListener() {
		List<String> properties = new ArrayList<>(TARGET_COMMON);
		properties.add("--fault.slow-listener.delay=100ms");
		properties.add("--tcpnet.delivery.receive-buffer-max-size=16MB");
		int size = 4 * 1024 * 1024;
		runCase("4 peer sends 4 MiB messages to a 100 ms listener", properties, false, LEGIT,
				(scenario, report, softly) -> {
					DriverNode t = scenario.target();
					RawPeer peer = RawPeer.admit(scenario.targetPort(), scenario.cluster(), "raw-large");
					long start = System.currentTimeMillis();
					Line connected = t.awaitEvent("CONNECTED", peer.nodeId(), 0, Duration.ofSeconds(10));
					peer.drainInput();
					this.watchdog.schedule(peer::close, ATTACK_BOUND.toMillis(), TimeUnit.MILLISECONDS);
					byte[] payload = new byte[size - 64];
					long written = 0;
					for (long seq = 1; seq <= 10_000; seq++) {
						byte[] head = (seq + " ").getBytes(StandardCharsets.US_ASCII);
						System.arraycopy(head, 0, payload, 0, head.length);
						if (!peer.write(
								HostileWire.envelope(seq, HostileWire.KIND_MESSAGE, 0, SlowListener.TOPIC, payload))) {
							break;
						}
						written = seq;
					}
					long attackEnd = System.currentTimeMillis();
					peer.close();
					// t closed it if a write failed before the watchdog closed the socket
					// (or t says so).
					long bound = start + ATTACK_BOUND.toMillis() - 200;
					Optional<Long> closed = t
						.lines("EVENT",
								(line) -> line.is("type", "DISCONNECTED") && line.is("peer", peer.nodeId())
										&& line.time() < bound)
						.stream()
						.findFirst()
						.map(Line::time);
					if (closed.isEmpty() && peer.writeFailedAt() > 0 && peer.writeFailedAt() < bound) {
						closed = Optional.of(peer.writeFailedAt());
					}
					Line delivered = slowRunWhenDrained(t, peer.nodeId());
					report.add("attack", "4 MiB MESSAGE envelopes to topic 'slow' for " + ATTACK_BOUND.toSeconds()
							+ " s, reading everything t sends; then the attacker closes");
					report.add("attacker wrote", written + " messages whole (" + peer.written() / 1024 / 1024
							+ " MiB in all, the last perhaps in part)");
					report.add("slow listener got (drained)",
							(delivered != null) ? delivered.get("received") + " messages, dup "
									+ delivered.get("duplicates") + ", out of order " + delivered.get("outOfOrder")
									+ ", gaps " + delivered.get("missing") : "nothing");
					report.add("closed by t during the attack",
							closed.map((time) -> "yes, " + (time - start) + " ms after it started")
								.orElse("no (throttled, as expected)"));
					report.add("attack lasted", (attackEnd - start) + " ms");
					softly.assertThat(closed).as("t closed a peer that breaks no rule (throttle it instead)").isEmpty();
					if (delivered != null) {
						softly.assertThat(delivered.number("duplicates")).as("slow listener duplicates").isZero();
						softly.assertThat(delivered.number("outOfOrder")).as("slow listener out of order").isZero();
						softly.assertThat(delivered.number("missing")).as("slow listener gaps").isZero();
					}
					else {
						softly.fail("the slow listener received nothing from %s", peer.nodeId());
					}
					// Not an offender: nothing is expected closed, logged or counted.
					return new Offender(List.of(peer.address(), connected.get("remote"), peer.nodeId()), Map.of(), -1,
							start);
				});
	}

	// 5
	@Test
	@Order(5)
	void applicationSendingInATightLoopToAPeerWhoseBufferIsFull() {
		runCase("5 application floods a peer whose buffer is full", TARGET_COMMON, false, LEGIT,
				(scenario, report, softly) -> {
					DriverNode t = scenario.target();
					RawPeer peer = RawPeer.admit(scenario.targetPort(), scenario.cluster(), "raw-full", SMALL_WINDOW);
					long start = System.currentTimeMillis();
					Line connected = t.awaitEvent("CONNECTED", peer.nodeId(), 0, Duration.ofSeconds(10));
					this.watchdog.schedule(peer::close, ATTACK_BOUND.toMillis(), TimeUnit.MILLISECONDS);
					// Alive but deaf: a ping every half second (never read, never
					// acknowledged).
					Thread pinger = new Thread(() -> {
						while (peer.write(HostileWire.ping(System.nanoTime()))) {
							if (!sleepQuietly(500)) {
								return;
							}
						}
					}, "raw-full-pinger");
					pinger.setDaemon(true);
					pinger.start();
					Map<String, Double> dropsBefore = scenario.targetMeters();
					t.command("flood flood " + peer.nodeId() + " 10 " + FLOOD_PAYLOAD);
					Optional<Line> settled = HostileScenario.awaitOptional(t, "FLOOD",
							(line) -> line.is("run", "flood") && line.is("state", "SETTLED"),
							System.currentTimeMillis() + 60_000);
					Optional<Line> done = t
						.lines("FLOOD", (line) -> line.is("run", "flood") && line.is("state", "DONE"))
						.stream()
						.findFirst();
					awaitClosedOrBound(t, peer.nodeId(), start);
					peer.close();
					report.add("attack", "a raw peer (SO_RCVBUF " + SMALL_WINDOW / 1024
							+ " KiB) that pings every 500 ms,"
							+ " never reads, never acknowledges; t's application sends " + FLOOD_PAYLOAD / 1024
							+ " KiB messages to it in a tight loop for 10 s ('flood'; t's buffer for it fills at 16 MiB, 1,024 messages)");
					report.add("t's flood", done.map(HostileNodeIT::floodSummary).orElse("no DONE line within 60 s"));
					report.add("t's flood settled", settled.map(HostileNodeIT::floodSummary).orElse("no SETTLED line"));
					Map<String, Double> dropsAfter = scenario.targetMeters();
					double dropped = dropsAfter.entrySet()
						.stream()
						.filter((e) -> e.getKey().startsWith("tcpnet.messages.dropped{"))
						.mapToDouble((e) -> e.getValue() - dropsBefore.getOrDefault(e.getKey(), 0.0))
						.sum();
					report.add("tcpnet.messages.dropped increase", (long) dropped);
					softly.assertThat(done).as("t's flood ended").isPresent();
					settled.ifPresentOrElse((line) -> {
						softly.assertThat(line.number("sent")).as("sends in 10 s").isPositive();
						softly.assertThat((long) dropped)
							.as("every refused send counted (%s)", line)
							.isEqualTo(line.number("failed"));
						softly.assertThat(line.get("failures")).as("why sends failed").matches("-|OVERFLOW:\\d+");
					}, () -> softly.fail("t's flood did not settle within 60 s"));
					return admittedOffender(t, peer, connected, start,
							Map.of("tcpnet.connections.closed{reason:stalled,transport:tcp}", 1L));
				});
	}

	// 6
	@Test
	@Order(6)
	void legitimatePeerStoppedForThirtySecondsWhileTheNodeSendsToIt() {
		int rate = 1000;
		// 2 s before the stop, 30 s stopped, 4 s after
		int count = 36 * rate;
		Duration stopped = Duration.ofSeconds(30);
		runCase("6 peer process SIGSTOPped 30 s while t sends it 1,000/s", TARGET_COMMON, true, Duration.ofSeconds(40),
				(scenario, report, softly) -> {
					DriverNode t = scenario.target();
					DriverNode p3 = scenario.victim();
					Line connected = t.awaitEvent("CONNECTED", p3.id(), 0, Duration.ofSeconds(10));
					t.command("send stream " + p3.id() + " " + count + " " + rate);
					t.awaitLine("SEND", (line) -> line.is("run", "stream") && line.number("sent") >= 2 * rate,
							Duration.ofSeconds(30));
					long pid = p3.pid();
					long stop = System.currentTimeMillis();
					NetLab.run(List.of("kill", "-s", "STOP", Long.toString(pid)));
					long resume;
					try {
						sleepQuietly(stopped.toMillis());
					}
					finally {
						resume = System.currentTimeMillis();
						NetLab.run(List.of("kill", "-s", "CONT", Long.toString(pid)));
					}
					Optional<Line> lost = t
						.lines("EVENT",
								(line) -> line.is("type", "DISCONNECTED") && line.is("peer", p3.id())
										&& line.time() >= stop && line.time() <= resume)
						.stream()
						.findFirst();
					Optional<Line> back = HostileScenario.awaitOptional(t, "EVENT",
							(line) -> line.is("type", "CONNECTED") && line.is("peer", p3.id()) && line.time() >= resume,
							System.currentTimeMillis() + 30_000);
					Optional<Line> outcomes = HostileScenario.awaitOptional(t, "OUTCOMES",
							(line) -> line.is("run", "stream"), stop + 120_000);
					Line received = receivedStream(p3, t.id(), count, outcomes);
					report.add("attack", "t sends p3 " + count + " messages at " + rate + "/s ('send stream'); p3 is"
							+ " stopped (SIGSTOP) after 2,000 for " + (resume - stop) + " ms, then continued");
					report.add("t reports p3 lost (SIGSTOP ->)",
							lost.map((line) -> (line.time() - stop) + " ms, " + line.get("reason"))
								.orElse("not while stopped"));
					report.add("p3 back at t (SIGCONT ->)",
							back.map((line) -> (line.time() - resume) + " ms, reconnect=" + line.get("reconnect"))
								.orElse("not within 30 s"));
					softly.assertThat(lost).as("t closed p3's connection while p3 was stopped").isPresent();
					softly.assertThat(back).as("p3 reconnected after SIGCONT").isPresent();
					checkStreamOutcomes(softly, report, outcomes, received, count);
					return new Offender(List.of(connected.get("remote"), p3.id()),
							// p3 shares t's namespace, so the two may talk over the Unix
							// socket.
							Map.of("tcpnet.connections.closed{reason:lost,transport:tcp}"
									+ "+tcpnet.connections.closed{reason:stalled,transport:tcp}"
									+ "+tcpnet.connections.closed{reason:lost,transport:unix}"
									+ "+tcpnet.connections.closed{reason:stalled,transport:unix}", 1L),
							lost.map(Line::time).orElse(0L), stop);
				});
	}

	/**
	 * Cases 2 and 3: an admitted peer that writes {@code blocks} as fast as t takes them
	 * and never reads, until t closes it or the bound passes.
	 */
	private Offender floodNeverReading(HostileScenario scenario, CaseReport report, String nodeId,
			LongFunction<byte[]> blocks, String what) {
		DriverNode t = scenario.target();
		RawPeer peer = RawPeer.admit(scenario.targetPort(), scenario.cluster(), nodeId, SMALL_WINDOW);
		long start = System.currentTimeMillis();
		Line connected = t.awaitEvent("CONNECTED", peer.nodeId(), 0, Duration.ofSeconds(10));
		this.watchdog.schedule(peer::close, ATTACK_BOUND.toMillis(), TimeUnit.MILLISECONDS);
		long writes = 0;
		while (writes < 10_000_000 && peer.write(blocks.apply(writes))) {
			writes++;
		}
		// The attacker's write fails when t closes it: let t's report of that arrive.
		awaitClosedOrBound(t, peer.nodeId(), start);
		peer.close();
		report.add("attack", what + ", never reading, for at most " + ATTACK_BOUND.toSeconds() + " s");
		report.add("attacker wrote",
				peer.written() / 1024 + " KiB in " + writes + " writes; "
						+ ((peer.writeFailedAt() > 0)
								? "a write failed " + (peer.writeFailedAt() - start) + " ms after the start"
								: "no write failed"));
		return admittedOffender(t, peer, connected, start,
				Map.of("tcpnet.connections.closed{reason:stalled,transport:tcp}", 1L));
	}

	private static Offender admittedOffender(DriverNode t, RawPeer peer, Line connected, long start,
			Map<String, Long> counted) {
		Optional<Line> closed = t
			.lines("EVENT", (line) -> line.is("type", "DISCONNECTED") && line.is("peer", peer.nodeId()))
			.stream()
			.findFirst();
		// The close must be the node's doing: before the watchdog closed the attacker's
		// socket.
		long closedAt = closed.map(Line::time).filter((time) -> time < start + ATTACK_BOUND.toMillis()).orElse(0L);
		return new Offender(List.of(peer.address(), connected.get("remote"), peer.nodeId()), counted, closedAt, start);
	}

	private static void awaitClosedOrBound(DriverNode t, String nodeId, long start) {
		HostileScenario.awaitOptional(t, "EVENT", (line) -> line.is("type", "DISCONNECTED") && line.is("peer", nodeId),
				start + ATTACK_BOUND.toMillis());
	}

	/**
	 * t's slow listener's run from a peer, once it stopped growing (at most 10 s more).
	 */
	private static @Nullable Line slowRunWhenDrained(DriverNode t, String from) {
		long end = System.currentTimeMillis() + 10_000;
		Line last = null;
		while (System.currentTimeMillis() < end && t.isAlive()) {
			Line now = statsRun(t, from, SlowListener.TOPIC);
			if (now != null && last != null && now.number("received") == last.number("received")) {
				return now;
			}
			last = now;
			sleepQuietly(1000);
		}
		return last;
	}

	private static @Nullable Line statsRun(DriverNode node, String from, String run) {
		try {
			return node.stats().run(from, run).orElse(null);
		}
		catch (AssertionError | IllegalStateException ex) {
			return null;
		}
	}

	/**
	 * p3's receipt of the stream, once it has every number t's futures say was delivered.
	 */
	private static @Nullable Line receivedStream(DriverNode p3, String from, int count, Optional<Line> outcomes) {
		long completed = outcomes.map((line) -> (long) SeqRanges.parse(line.get("completed")).cardinality())
			.orElse((long) count);
		long end = System.currentTimeMillis() + 30_000;
		Line last = null;
		while (System.currentTimeMillis() < end) {
			last = statsRun(p3, from, "stream");
			if (last != null && last.number("received") >= completed) {
				sleepQuietly(300);
				return statsRun(p3, from, "stream");
			}
			sleepQuietly(250);
		}
		return last;
	}

	/**
	 * Every number the target sent either completed and arrived exactly once in order, or
	 * failed with OVERFLOW and never arrived.
	 */
	private static void checkStreamOutcomes(SoftAssertions softly, CaseReport report, Optional<Line> outcomes,
			@Nullable Line received, int count) {
		if (outcomes.isEmpty()) {
			softly.fail("t wrote no FAULT-OUTCOMES line for the stream within 120 s of the stop");
			return;
		}
		Line line = outcomes.get();
		BitSet completed = SeqRanges.parse(line.get("completed"));
		BitSet pending = SeqRanges.parse(line.get("pending"));
		Map<String, BitSet> failed = new LinkedHashMap<>();
		line.values().forEach((key, value) -> {
			if (key.startsWith("failed.")) {
				failed.put(key.substring("failed.".length()), SeqRanges.parse(value));
			}
		});
		BitSet all = (BitSet) completed.clone();
		failed.values().forEach(all::or);
		List<String> failures = failed.entrySet()
			.stream()
			.map((e) -> e.getKey() + " " + e.getValue().cardinality() + " (" + shortRanges(e.getValue()) + ")")
			.toList();
		report.add("t's futures",
				"completed " + completed.cardinality() + ", failed " + failures + ", pending " + pending.cardinality());
		softly.assertThat(failed.keySet()).as("reasons sends to p3 failed").isSubsetOf("OVERFLOW");
		softly.assertThat(pending.cardinality()).as("futures still pending (%s)", shortRanges(pending)).isZero();
		softly.assertThat(all.cardinality()).as("numbers completed or failed").isEqualTo(count);
		if (received == null) {
			softly.fail("p3 received nothing of the stream");
			report.add("p3 received", "nothing");
			return;
		}
		BitSet got = SeqRanges.parse(received.get("seqs"));
		BitSet lostNumbers = (BitSet) completed.clone();
		lostNumbers.andNot(got);
		BitSet unexpected = (BitSet) got.clone();
		unexpected.andNot(completed);
		report.add("p3 received", received.get("received") + " (distinct " + received.get("distinct") + ", dup "
				+ received.get("duplicates") + ", out of order " + received.get("outOfOrder") + ")");
		softly.assertThat(received.number("duplicates")).as("p3 duplicates").isZero();
		softly.assertThat(received.number("outOfOrder")).as("p3 out of order").isZero();
		softly.assertThat(shortRanges(lostNumbers)).as("completed at t but never received by p3").isEqualTo("-");
		softly.assertThat(shortRanges(unexpected)).as("received by p3 but not completed at t").isEqualTo("-");
	}

	private static String shortRanges(BitSet seqs) {
		String text = SeqRanges.format(seqs);
		return (text.length() <= 120) ? text : text.substring(0, 120) + "…";
	}

	private static String floodSummary(Line line) {
		return "sent " + line.get("sent") + ", completed " + line.get("completed") + ", failed " + line.get("failed")
				+ " (" + line.get("failures") + "), pending " + line.get("pending")
				+ ((line.get("sendMs") != null) ? ", in " + line.get("sendMs") + " ms" : "");
	}

	/**
	 * The flow every case shares: start the nodes and the legitimate traffic, measure t,
	 * attack, measure again, check.
	 */
	private void runCase(String title, List<String> targetProperties, boolean withVictim, Duration legit,
			Attack attack) {
		CaseReport report = new CaseReport(title);
		SoftAssertions softly = new SoftAssertions();
		try (HostileScenario scenario = HostileScenario.start(jar, targetProperties, withVictim)) {
			report.add("t's properties", String.join(" ", targetProperties));
			scenario.startLegitTraffic(legit);
			HostileScenario.Memory before = scenario.memory("before", Duration.ofSeconds(15))
				.orElseThrow(() -> new AssertionError("t did not report its memory before the attack"));
			Map<String, Double> metersBefore = scenario.targetMeters();
			int mark = scenario.target().outputMark();
			MemoryWatch watch = new MemoryWatch(scenario);
			Offender offender;
			try {
				offender = attack.run(scenario, report, softly);
			}
			finally {
				watch.stop();
			}
			sleepQuietly(1000);
			Optional<HostileScenario.Memory> after = scenario.memory("after", Duration.ofSeconds(20));
			Map<String, Double> metersAfter = scenario.targetMeters();
			List<String> legitSummary = scenario.checkLegitTraffic(softly);
			checkCommon(softly, report, scenario, offender, before, watch.samples(), after, metersBefore, metersAfter,
					mark);
			report.addAll("legitimate traffic", legitSummary);
		}
		catch (Exception | AssertionError ex) {
			softly.fail("the case could not run to its end: " + ex, ex);
		}
		List<String> failures = softly.errorsCollected().stream().map(HostileNodeIT::firstLine).toList();
		report.verdict(failures.isEmpty() ? "PASS" : "FAIL, " + failures.size() + " of the checks:");
		failures.forEach((failure) -> report.add("  failed", failure));
		report.print();
		softly.assertAll();
	}

	private static String firstLine(Throwable error) {
		String message = String.valueOf(error.getMessage()).strip().replaceAll("\\s+", " ");
		return (message.length() <= 300) ? message : message.substring(0, 300) + "…";
	}

	private static void checkCommon(SoftAssertions softly, CaseReport report, HostileScenario scenario,
			Offender offender, HostileScenario.Memory before, List<HostileScenario.Memory> samples,
			Optional<HostileScenario.Memory> after, Map<String, Double> metersBefore, Map<String, Double> metersAfter,
			int mark) {
		// (1) failure signs anywhere in t's output
		List<String> failureLines = scenario.targetFailureLines();
		long ooms = failureLines.stream().filter((line) -> line.contains("OutOfMemoryError")).count();
		report.addAll("t: OutOfMemoryError/ERROR lines", failureLines);
		softly.assertThat(ooms).as("lines of t with OutOfMemoryError").isZero();
		softly.assertThat(failureLines).as("ERROR lines, escaped exceptions and OutOfMemoryErrors of t").isEmpty();
		if (!scenario.target().isAlive()) {
			softly.fail("t exited during the case");
		}

		// (2) memory
		long peak = before.counted();
		for (HostileScenario.Memory sample : samples) {
			peak = Math.max(peak, sample.counted());
		}
		if (after.isPresent()) {
			peak = Math.max(peak, after.get().counted());
		}
		report.add("t memory before", before);
		long peakRss = samples.stream().mapToLong(HostileScenario.Memory::rss).max().orElse(0);
		report.add("t memory peak (every " + SAMPLE_EVERY.toSeconds() + " s)",
				"counted " + HostileScenario.Memory.mib(peak) + " (" + samples.size()
						+ " samples answered during the attack; RSS up to " + HostileScenario.Memory.mib(peakRss)
						+ ")");
		report.add("t memory after", after.map(Object::toString).orElse("no answer within 20 s"));
		if (after.isPresent()) {
			long growth = after.get().counted() - before.counted();
			report.add("t memory growth (bound " + MEMORY_GROWTH_MIB + " MiB)",
					((growth >= 0) ? "+" : "") + HostileScenario.Memory.mib(growth));
			softly.assertThat(growth)
				.as("growth of t's heap after GC + direct memory, bytes")
				.isLessThanOrEqualTo(MEMORY_GROWTH_BOUND);
		}
		else {
			softly.fail("t did not report its memory after the attack");
		}

		// (3) the offending connection: closed, counted, logged once
		Map<String, Long> moved = moved(metersBefore, metersAfter);
		report.add("t's counters that moved", moved.isEmpty() ? "none" : moved);
		List<String> warnings = scenario.targetWarningsNaming(mark, offender.names());
		report.addAll("t's WARN/ERROR lines naming it", warnings);
		if (offender.closedAt() >= 0) {
			report.add("offending connection closed", (offender.closedAt() > 0)
					? (offender.closedAt() - offender.attackStart()) + " ms after the attack started" : "not by t");
			softly.assertThat(offender.closedAt()).as("t closed the offending connection").isPositive();
			offender.counted().forEach((meters, expected) -> {
				long delta = Arrays.stream(meters.split("\\+"))
					.mapToLong((meter) -> Math
						.round(metersAfter.getOrDefault(meter, 0.0) - metersBefore.getOrDefault(meter, 0.0)))
					.sum();
				if (meters.contains("+")) {
					softly.assertThat(delta).as("increase of %s", meters).isGreaterThanOrEqualTo(expected);
				}
				else {
					softly.assertThat(delta).as("increase of %s", meters).isEqualTo(expected);
				}
			});
			softly.assertThat(warnings)
				.as("t's WARN lines naming the offending connection (%s)", offender.names())
				.hasSize(1);
		}
	}

	private static Map<String, Long> moved(Map<String, Double> before, Map<String, Double> after) {
		Map<String, Long> moved = new LinkedHashMap<>();
		after.forEach((meter, value) -> {
			if (meter.startsWith("tcpnet.connections.closed") || meter.startsWith("tcpnet.handshakes.rejected")
					|| meter.startsWith("tcpnet.messages.dropped")) {
				long delta = Math.round(value - before.getOrDefault(meter, 0.0));
				if (delta != 0) {
					moved.put(meter, delta);
				}
			}
		});
		return moved;
	}

	static boolean sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * One attack on the scenario's target, bounded by {@link #ATTACK_BOUND}; adds its own
	 * figures and checks.
	 */
	@FunctionalInterface
	interface Attack {

		Offender run(HostileScenario scenario, CaseReport report, SoftAssertions softly) throws Exception;

	}

	/**
	 * The connection an attack made (or several alike), and what t is to do about it.
	 *
	 * @param names what t's log lines would name it by: remote addresses, a node id
	 * @param counted meters ({@code name{tag:value}}, several joined by {@code +} to add
	 * them up) and the increase each must show
	 * @param closedAt when t closed it (the last of them), epoch ms; 0 when t did not; -1
	 * when t is not to close it at all
	 * @param attackStart when the attack started, epoch ms
	 */
	record Offender(List<String> names, Map<String, Long> counted, long closedAt, long attackStart) {
	}

	/**
	 * Asks t for its memory every {@link #SAMPLE_EVERY} on a thread of its own while the
	 * attack runs; a sample t does not answer within 10 s is skipped.
	 */
	private static final class MemoryWatch {

		private final List<HostileScenario.Memory> samples = new CopyOnWriteArrayList<>();

		private final Thread thread;

		private volatile boolean stopped;

		MemoryWatch(HostileScenario scenario) {
			this.thread = new Thread(() -> {
				int sample = 0;
				while (!this.stopped && sample++ < 100 && sleepQuietly(SAMPLE_EVERY.toMillis()) && !this.stopped) {
					scenario.memory("during-" + sample, Duration.ofSeconds(10)).ifPresent(this.samples::add);
				}
			}, "hostile-memory-watch");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		void stop() {
			this.stopped = true;
			try {
				this.thread.join(15_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		List<HostileScenario.Memory> samples() {
			return List.copyOf(this.samples);
		}

	}

}
