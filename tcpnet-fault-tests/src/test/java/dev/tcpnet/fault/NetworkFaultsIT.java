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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Network faults against three driver processes, each in a host of its own (a network
 * namespace on a private bridge, see {@link NetLab}), finding each other over mDNS with
 * default interface selection: a connection reset mid-stream, a partition, loss and
 * delay, buffer overflow during an outage, a stopped process and a killed one.
 *
 * <p>
 * Run alone: {@code ./mvnw -B -pl tcpnet-fault-tests -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NetworkFaultsIT -Dfailsafe.failIfNoSpecifiedTests=false}
 * (as root).
 *
 * <p>
 * Node {@code a} sends ({@code tcpnet.delivery.buffer-max=10000}, see
 * {@link #SENDER_BUFFER_MAX}), {@code b} receives, {@code c} is the victim of the process
 * faults and the sender of the overflow test ({@code tcpnet.delivery.buffer-max=100});
 * other settings are the defaults, but for the heartbeat, set explicitly to the values
 * the time bounds are computed from. Payloads are sequence numbers; receivers count
 * duplicates, gaps and reorderings. Correctness is asserted strictly; time only where
 * tcpnet states a bound (a silent peer is LOST within heartbeat timeout + interval), plus
 * {@link #MARGIN} for these noisy 2-core machines. Every measured figure is printed as
 * {@code FAULT-FIGURES} lines and written to {@code target/fault-figures.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkFaultsIT {

	private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

	private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);

	/** Added to every stated time bound: JVMs on two shared cores stall now and then. */
	private static final Duration MARGIN = Duration.ofSeconds(3);

	/** A silent peer is reported LOST within the heartbeat timeout plus one interval. */
	private static final long LOST_BOUND_MS = HEARTBEAT_TIMEOUT.plus(HEARTBEAT_INTERVAL).plus(MARGIN).toMillis();

	/**
	 * The buffer of {@code a} holds any whole run: a message missing from its runs is a
	 * delivery bug, never the overflow policy. (With the default 1000, a stall of half a
	 * second on a loaded machine fails sends at 2,000/s with OVERFLOW on a healthy link:
	 * the buffer is also the window of unacknowledged messages.) The policy is tested on
	 * {@code c}.
	 */
	private static final int SENDER_BUFFER_MAX = 10_000;

	private static final int OVERFLOW_BUFFER_MAX = 100;

	private static final FaultFigures figures = new FaultFigures();

	private static NetLab lab;

	private static DriverNode a;

	private static DriverNode b;

	private static DriverNode c;

	private static String current = "setup";

	@BeforeAll
	static void startCluster() {
		NetLab.assumeAvailable();
		Path jar = Path.of(System.getProperty("fault.driver.jar", "target/tcpnet-fault-driver.jar"));
		assertThat(jar).as("the packaged fault driver (run 'package' first)").isRegularFile();
		lab = NetLab.create(3);
		String cluster = "tcpnet-fault-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
		// The drivers exit when this JVM goes (their standard input closes), and after 10
		// minutes
		// whatever happens.
		List<String> common = List.of("--tcpnet.cluster=" + cluster, "--fault.exit-on-stdin-eof=true",
				"--fault.max-lifetime=10m", "--tcpnet.heartbeat.interval=" + HEARTBEAT_INTERVAL.toMillis() + "ms",
				"--tcpnet.heartbeat.timeout=" + HEARTBEAT_TIMEOUT.toMillis() + "ms", "--fault.progress-every=100");
		System.out.println("NetworkFaultsIT: hosts " + lab.hosts() + ", cluster " + cluster);
		long start = System.currentTimeMillis();
		a = DriverNode.start(lab, lab.host(1), "a", jar,
				concat(common, "--tcpnet.delivery.buffer-max=" + SENDER_BUFFER_MAX));
		b = DriverNode.start(lab, lab.host(2), "b", jar, common);
		c = DriverNode.start(lab, lab.host(3), "c", jar,
				concat(common, "--tcpnet.delivery.buffer-max=" + OVERFLOW_BUFFER_MAX));
		for (DriverNode node : nodes()) {
			node.pid();
		}
		long ready = System.currentTimeMillis();
		awaitMesh(Duration.ofSeconds(60));
		figures.ms("setup", "3 JVMs launched -> all READY", ready - start);
		figures.ms("setup", "all READY -> full mesh over mDNS", System.currentTimeMillis() - ready);
	}

	@BeforeEach
	void meshIsWhole() {
		awaitMesh(Duration.ofSeconds(30));
	}

	@AfterEach
	void stopSendingAndPrintFigures() {
		// A failed test may leave a run sending: it must not spill into the next test's
		// buffers.
		nodes().stream().filter(DriverNode::isAlive).forEach((node) -> node.command("cancel"));
		figures.printTest(current);
	}

	@AfterAll
	static void tearDown() {
		if (lab != null) {
			figures.printAll(Path.of(System.getProperty("build.directory", "target"), "fault-figures.txt"));
			lab.close();
		}
	}

	@Test
	@Order(1)
	void connectionResetsMidStreamLoseDuplicateAndReorderNothing() {
		current = "1 reset";
		int count = 10_000;
		a.command("send reset b " + count + " 2000");
		// Three resets, alternating the side whose kernel aborts the connection
		List<DriverNode> resetIn = List.of(a, b, a);
		for (int i = 0; i < resetIn.size(); i++) {
			int threshold = (i + 1) * count / (resetIn.size() + 1);
			a.awaitLine("SEND", (line) -> line.is("run", "reset") && line.number("sent") >= threshold,
					Duration.ofSeconds(30));
			DriverNode here = resetIn.get(i);
			DriverNode there = (here == a) ? b : a;
			long reset = System.currentTimeMillis();
			int killed = lab.resetConnections(here.host(), there.host().address());
			assertThat(killed)
				.as("sockets 'ss -K' closed in %s's host (the kernel needs CONFIG_INET_DIAG_DESTROY)", here.id())
				.isPositive();
			Line lostAtA = awaitLost(a, b, reset, Duration.ofSeconds(10));
			Line lostAtB = awaitLost(b, a, reset, Duration.ofSeconds(10));
			Line backAtA = a.awaitEvent("CONNECTED", "b", lostAtA.time(), Duration.ofSeconds(30));
			Line backAtB = b.awaitEvent("CONNECTED", "a", lostAtB.time(), Duration.ofSeconds(30));
			String name = "reset " + (i + 1) + " (ss -K in " + here.id() + "'s host, after " + threshold + " sends)";
			figures.add(current, name + ": -> LOST at a / b",
					(lostAtA.time() - reset) + " / " + (lostAtB.time() - reset) + " ms");
			figures.add(current, name + ": LOST -> reconnected at a / b",
					(backAtA.time() - lostAtA.time()) + " / " + (backAtB.time() - lostAtB.time()) + " ms");
			assertReconnect(backAtA, backAtB);
		}
		Line done = awaitDone(a, "reset", Duration.ofSeconds(90));
		Line received = awaitReceived(b, "a", "reset", count, Duration.ofSeconds(30));

		figures.add(current, "a: futures completed / failed", done.get("completed") + " / " + done.get("failed"));
		figures.ms(current, "10,000 sends at 2,000/s: sending", done.number("sendMs"));
		figures.ms(current, "... then until every future settled", done.number("settleMs"));
		figures.add(current, "b: received / distinct / dup / out-of-order", summary(received));

		assertExactlyOnceInOrder(received, count);
		assertAllCompleted(done, count);
	}

	@Test
	@Order(2)
	void partitionOfFiveSecondsIsDetectedAndMessagesSentMeanwhileArriveAfterHealing() throws InterruptedException {
		current = "2 partition";
		int count = 1500;
		a.command("send partition b " + count + " 100");
		a.awaitLine("SEND", (line) -> line.is("run", "partition") && line.number("sent") >= 200,
				Duration.ofSeconds(30));
		long partition = System.currentTimeMillis();
		lab.partition(a.host());
		Line lostAtA;
		Line lostAtB;
		long heal;
		try {
			lostAtB = awaitLost(b, a, partition, Duration.ofMillis(LOST_BOUND_MS + 5000));
			lostAtA = awaitLost(a, b, partition, Duration.ofMillis(LOST_BOUND_MS + 5000));
			Thread.sleep(Math.max(0, partition + 5000 - System.currentTimeMillis()));
		}
		finally {
			heal = System.currentTimeMillis();
			lab.heal(a.host());
		}
		Line backAtA = a.awaitEvent("CONNECTED", "b", heal, Duration.ofSeconds(30));
		Line backAtB = b.awaitEvent("CONNECTED", "a", heal, Duration.ofSeconds(30));
		Line done = awaitDone(a, "partition", Duration.ofSeconds(90));
		Line received = awaitReceived(b, "a", "partition", count, Duration.ofSeconds(30));

		figures.ms(current, "partition lasted", heal - partition);
		figures.ms(current, "partition -> b reports a LOST (bound " + LOST_BOUND_MS + ")", lostAtB.time() - partition);
		figures.ms(current, "partition -> a reports b LOST (bound " + LOST_BOUND_MS + ")", lostAtA.time() - partition);
		figures.add(current, "messages sent while partitioned (about)", sentBetween(a, "partition", partition, heal));
		figures.add(
				current, "a: reconnect attempts during the partition", a
					.lines("EVENT",
							(l) -> l.is("type", "RECONNECTING") && l.is("peer", "b") && l.time() >= partition
									&& l.time() <= backAtA.time())
					.size());
		figures.ms(current, "heal -> a reconnected to b", backAtA.time() - heal);
		figures.ms(current, "heal -> b reconnected to a", backAtB.time() - heal);
		figures.add(current, "b: received / distinct / dup / out-of-order", summary(received));

		SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(lostAtB.time() - partition)
				.as("ms until b reports a LOST")
				.isLessThanOrEqualTo(LOST_BOUND_MS);
			softly.assertThat(lostAtA.time() - partition)
				.as("ms until a reports b LOST")
				.isLessThanOrEqualTo(LOST_BOUND_MS);
		});
		assertExactlyOnceInOrder(received, count);
		assertAllCompleted(done, count);
		assertReconnect(backAtA, backAtB);
	}

	@Test
	@Order(3)
	void onePercentLossAndFiftyMillisecondsDelayLoseDuplicateAndReorderNothing() {
		current = "3 loss+delay";
		int count = 4000;
		long start = System.currentTimeMillis();
		NetLab.Impairment impairment = lab.impair(a.host(), 1.0, Duration.ofMillis(50));
		Line done;
		String wire;
		try {
			a.command("send lossy b " + count + " 200");
			done = awaitDone(a, "lossy", Duration.ofSeconds(120));
		}
		finally {
			wire = impairment.stats();
			lab.clearImpairment(a.host());
		}
		Line received = awaitReceived(b, "a", "lossy", count, Duration.ofSeconds(30));

		figures.add(current, "impairment of a's link (1% loss, 50 ms each way)", impairment.method());
		figures.add(current, "frames through the wire", wire);
		figures.ms(current, "4,000 sends at 200/s: sending", done.number("sendMs"));
		figures.ms(current, "... then until every future settled", done.number("settleMs"));
		figures.add(current, "LOST events a<->b during the run (no bound; ideally 0)",
				a.events("DISCONNECTED", "b", start).size() + b.events("DISCONNECTED", "a", start).size());
		figures.add(current, "b: received / distinct / dup / out-of-order", summary(received));

		assertExactlyOnceInOrder(received, count);
		assertAllCompleted(done, count);
	}

	@Test
	@Order(4)
	void overflowDuringAnOutageFailsTheExcessSendsAndDeliversTheBufferedOnes() {
		current = "4 overflow";
		int count = 300;
		double droppedBefore = c.stats().meter("tcpnet.messages.dropped", "reason:overflow");
		long partition = System.currentTimeMillis();
		lab.partition(c.host());
		Line lostAtC;
		Line rejected;
		long send;
		long heal;
		try {
			lostAtC = awaitLost(c, b, partition, Duration.ofMillis(LOST_BOUND_MS + 5000));
			send = System.currentTimeMillis();
			c.command("send overflow b " + count + " 0");
			rejected = c.awaitLine("SEND", (line) -> line.is("run", "overflow") && line.number("sent") == count
					&& line.number("failed") >= count - OVERFLOW_BUFFER_MAX, Duration.ofSeconds(15));
		}
		finally {
			heal = System.currentTimeMillis();
			lab.heal(c.host());
		}
		List<Line> dropped = awaitDropped(c, "overflow", count - OVERFLOW_BUFFER_MAX, Duration.ofSeconds(10));
		double droppedAfter = c.stats().meter("tcpnet.messages.dropped", "reason:overflow");
		Line back = c.awaitEvent("CONNECTED", "b", heal, Duration.ofSeconds(30));
		Line done = awaitDone(c, "overflow", Duration.ofSeconds(60));
		Line received = awaitReceived(b, "c", "overflow", OVERFLOW_BUFFER_MAX, Duration.ofSeconds(30));

		figures.ms(current, "partition -> c reports b LOST", lostAtC.time() - partition);
		figures.ms(current, "300 sends -> 200 futures failed (" + rejected.get("failures") + ")",
				rejected.time() - send);
		figures.add(current, "tcpnet.messages.dropped{reason=overflow} increase", droppedAfter - droppedBefore);
		figures.add(current, "MessageDroppedEvents for the run (drops they count)",
				dropped.size() + " (" + droppedCount(dropped) + ")");
		figures.ms(current, "heal -> c reconnected to b", back.time() - heal);
		figures.ms(current, "heal -> 100 buffered delivered to b", received.number("lastAt") - heal);
		figures.add(current, "c: futures completed / failed", done.get("completed") + " / " + done.get("failed"));
		figures.add(current, "b: received / distinct / dup / out-of-order", summary(received));

		SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(rejected.number("failed"))
				.as("sends failed at once")
				.isEqualTo(count - OVERFLOW_BUFFER_MAX);
			softly.assertThat(rejected.get("failures")).as("why they failed").isEqualTo("OVERFLOW:200");
			softly.assertThat(rejected.number("firstFailed"))
				.as("first failed send")
				.isEqualTo(OVERFLOW_BUFFER_MAX + 1);
			softly.assertThat(rejected.number("lastFailed")).as("last failed send").isEqualTo(count);
			softly.assertThat(rejected.number("completed")).as("completed while partitioned").isZero();
			softly.assertThat(droppedCount(dropped))
				.as("drops counted by MessageDroppedEvents (a burst is coalesced into one event)")
				.isEqualTo(count - OVERFLOW_BUFFER_MAX);
			softly.assertThat(dropped).allMatch((line) -> line.is("reason", "OVERFLOW"), "reason OVERFLOW");
			softly.assertThat(droppedAfter - droppedBefore)
				.as("tcpnet.messages.dropped{reason=overflow} increase")
				.isEqualTo(count - OVERFLOW_BUFFER_MAX);
			softly.assertThat(done.number("completed"))
				.as("futures completed after healing")
				.isEqualTo(OVERFLOW_BUFFER_MAX);
			softly.assertThat(done.number("failed")).as("futures failed in all").isEqualTo(count - OVERFLOW_BUFFER_MAX);
		});
		assertExactlyOnceInOrder(received, OVERFLOW_BUFFER_MAX);
	}

	@Test
	@Order(5)
	void stoppedProcessIsLostWithinTheHeartbeatBoundAndReconnectsWhenContinued() throws InterruptedException {
		current = "5 SIGSTOP";
		int count = 300;
		a.command("send stopped c " + count + " 30");
		a.awaitLine("SEND", (line) -> line.is("run", "stopped") && line.number("sent") >= 60, Duration.ofSeconds(15));
		long pid = c.pid();
		long stop = System.currentTimeMillis();
		lab.signal(pid, "STOP");
		Line lostAtA;
		Line lostAtB;
		long resume;
		try {
			lostAtA = awaitLost(a, c, stop, Duration.ofMillis(LOST_BOUND_MS + 5000));
			lostAtB = awaitLost(b, c, stop, Duration.ofMillis(LOST_BOUND_MS + 5000));
			Thread.sleep(1000);
		}
		finally {
			resume = System.currentTimeMillis();
			lab.signal(pid, "CONT");
		}
		Line backAtA = a.awaitEvent("CONNECTED", "c", resume, Duration.ofSeconds(30));
		Line backAtB = b.awaitEvent("CONNECTED", "c", resume, Duration.ofSeconds(30));
		Line done = awaitDone(a, "stopped", Duration.ofSeconds(60));
		Line received = awaitReceived(c, "a", "stopped", count, Duration.ofSeconds(30));

		figures.ms(current, "SIGSTOP -> a reports c LOST (bound " + LOST_BOUND_MS + ")", lostAtA.time() - stop);
		figures.ms(current, "SIGSTOP -> b reports c LOST (bound " + LOST_BOUND_MS + ")", lostAtB.time() - stop);
		figures.ms(current, "stopped for", resume - stop);
		figures.ms(current, "SIGCONT -> a reconnected to c", backAtA.time() - resume);
		figures.ms(current, "SIGCONT -> b reconnected to c", backAtB.time() - resume);
		figures.add(current, "c's own view after SIGCONT", c
			.lines("EVENT", (l) -> l.time() >= resume && (l.is("type", "DISCONNECTED") || l.is("type", "CONNECTED")))
			.stream()
			.map((l) -> l.get("type") + ":" + l.get("peer") + ":"
					+ Optional.ofNullable(l.get("reason")).orElse("reconnect=" + l.get("reconnect")))
			.toList());
		figures.add(current, "c: received from a / distinct / dup / out-of-order", summary(received));

		SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(lostAtA.time() - stop).as("ms until a reports c LOST").isLessThanOrEqualTo(LOST_BOUND_MS);
			softly.assertThat(lostAtB.time() - stop).as("ms until b reports c LOST").isLessThanOrEqualTo(LOST_BOUND_MS);
		});
		assertReconnect(backAtA, backAtB);
		assertExactlyOnceInOrder(received, count);
		assertAllCompleted(done, count);
	}

	@Test
	@Order(6)
	void killedProcessIsLostAsSoonAsItsSocketsCloseAndIsRedialed() {
		current = "6 kill -9";
		long pid = c.pid();
		long kill = System.currentTimeMillis();
		lab.signal(pid, "KILL");
		Line lostAtA = awaitLost(a, c, kill, Duration.ofMillis(LOST_BOUND_MS + 5000));
		Line lostAtB = awaitLost(b, c, kill, Duration.ofMillis(LOST_BOUND_MS + 5000));
		Optional<Line> redial = awaitAny(List.of(a, b),
				(line) -> line.is("type", "RECONNECTING") && line.is("peer", "c") && line.time() >= kill,
				Duration.ofSeconds(10));

		figures.ms(current, "kill -9 -> a reports c LOST (expected well under 1 s)", lostAtA.time() - kill);
		figures.ms(current, "kill -9 -> b reports c LOST (expected well under 1 s)", lostAtB.time() - kill);
		figures.add(current, "first PeerReconnectingEvent for c",
				redial
					.map((l) -> (l.time() - kill) + " ms after the kill: attempt " + l.get("attempt") + " in "
							+ l.get("delayMs") + " ms")
					.orElse("none within 10 s"));

		SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(lostAtA.time() - kill).as("ms until a reports c LOST").isLessThanOrEqualTo(LOST_BOUND_MS);
			softly.assertThat(lostAtB.time() - kill).as("ms until b reports c LOST").isLessThanOrEqualTo(LOST_BOUND_MS);
			softly.assertThat(redial).as("a PeerReconnectingEvent for c at a or b").isPresent();
		});
	}

	private static Line awaitLost(DriverNode observer, DriverNode peer, long since, Duration timeout) {
		Line line = observer.awaitEvent("DISCONNECTED", peer.id(), since, timeout);
		assertThat(line.get("reason")).as("%s's reason for %s", observer.id(), peer.id()).isEqualTo("LOST");
		return line;
	}

	private static Line awaitDone(DriverNode sender, String run, Duration timeout) {
		return sender.awaitLine("SEND", (line) -> line.is("run", run) && line.is("state", "DONE"), timeout);
	}

	/**
	 * Waits until the receiver has all messages of a run, then watches a little longer,
	 * so that late duplicates are counted too.
	 */
	private static Line awaitReceived(DriverNode receiver, String from, String run, int count, Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(receiver.stats().run(from, run))
				.as("%s's count of run %s from %s", receiver.id(), run, from)
				.hasValueSatisfying((line) -> assertThat(line.number("received")).isGreaterThanOrEqualTo(count)));
		watchForLateArrivals();
		return receiver.stats().run(from, run).orElseThrow();
	}

	/**
	 * Waits until the node's {@code DROPPED} events for a run count at least
	 * {@code count} drops: drops of one peer and topic that happen close together arrive
	 * as one event that carries their number.
	 */
	private static List<Line> awaitDropped(DriverNode node, String topic, int count, Duration timeout) {
		Predicate<Line> matching = (line) -> line.is("type", "DROPPED") && line.is("topic", topic);
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(droppedCount(node.lines("EVENT", matching))).isGreaterThanOrEqualTo(count));
		watchForLateArrivals();
		return node.lines("EVENT", matching);
	}

	private static long droppedCount(List<Line> dropped) {
		return dropped.stream().mapToLong((line) -> line.number("count")).sum();
	}

	/** The first matching event at any of the nodes, or none within the timeout. */
	private static Optional<Line> awaitAny(List<DriverNode> nodes, Predicate<Line> matching, Duration timeout) {
		try {
			return await().atMost(timeout)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> nodes.stream().flatMap((node) -> node.lines("EVENT", matching).stream()).findFirst(),
						Optional::isPresent);
		}
		catch (ConditionTimeoutException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Half a second more of observation after a count was reached: a duplicate or an
	 * extra event would arrive within it. An observation window, not a wait for something
	 * to happen.
	 */
	private static void watchForLateArrivals() {
		sleep(500);
	}

	private static void assertExactlyOnceInOrder(Line received, int count) {
		SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(received.number("received")).as("received (%s)", received).isEqualTo(count);
			softly.assertThat(received.number("distinct")).as("distinct").isEqualTo(count);
			softly.assertThat(received.number("duplicates")).as("duplicates").isZero();
			softly.assertThat(received.number("outOfOrder")).as("out of order").isZero();
			softly.assertThat(received.number("missing")).as("gaps below the highest").isZero();
			softly.assertThat(received.number("malformed")).as("malformed payloads").isZero();
			softly.assertThat(received.number("first")).as("first received").isEqualTo(1);
			softly.assertThat(received.number("last")).as("last received").isEqualTo(count);
		});
	}

	private static void assertAllCompleted(Line done, int count) {
		SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(done.number("completed")).as("futures completed (%s)", done).isEqualTo(count);
			softly.assertThat(done.number("failed")).as("futures failed").isZero();
			softly.assertThat(done.number("pending")).as("futures still pending").isZero();
		});
	}

	private static void assertReconnect(Line... connected) {
		for (Line line : connected) {
			assertThat(line.get("reconnect")).as("PeerConnectedEvent.isReconnect() of %s", line).isEqualTo("true");
		}
	}

	private static String summary(Line received) {
		return received.get("received") + " / " + received.get("distinct") + " / " + received.get("duplicates") + " / "
				+ received.get("outOfOrder");
	}

	/**
	 * Estimates the messages sent between two times from the sender's progress lines.
	 */
	private static long sentBetween(DriverNode sender, String run, long from, long to) {
		long before = 0;
		long until = 0;
		for (Line line : sender.lines("SEND", (l) -> l.is("run", run) && l.values().containsKey("sent"))) {
			if (line.time() <= from) {
				before = line.number("sent");
			}
			if (line.time() <= to) {
				until = line.number("sent");
			}
		}
		return until - before;
	}

	private static void awaitMesh(Duration timeout) {
		List<DriverNode> alive = nodes().stream().filter(DriverNode::isAlive).toList();
		await().atMost(timeout).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			for (DriverNode node : alive) {
				List<String> expected = alive.stream().filter((n) -> n != node).map(DriverNode::id).sorted().toList();
				assertThat(node.peers()).as("%s's peers", node.id()).isEqualTo(expected);
			}
		});
	}

	private static List<DriverNode> nodes() {
		List<DriverNode> nodes = new ArrayList<>();
		for (DriverNode node : new DriverNode[] { a, b, c }) {
			if (node != null) {
				nodes.add(node);
			}
		}
		return nodes;
	}

	private static List<String> concat(List<String> list, String more) {
		List<String> all = new ArrayList<>(list);
		all.add(more);
		return all;
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

}
