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

package dev.tcpnet.hostile;

import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.ConnectionListener;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.SharedSecret;
import dev.tcpnet.transport.TcpnetProtocol;
import dev.tcpnet.transport.TransportListener;
import dev.tcpnet.transport.netty.HostilePipelines;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random byte sequences through the real pipeline of an inbound connection, each
 * on a fresh {@link EmbeddedChannel}: pure garbage, garbage after a valid preface, valid
 * frames mutated (bytes flipped, inserted, deleted, truncated), hostile length fields,
 * after a valid handshake too; fed whole or in random pieces. For every input: no
 * exception escapes the pipeline, a refusal is reported at most once and closes the
 * channel, a channel left open is a completed connection (the handshake timeout closes
 * every other one), nothing is delivered without a handshake; at the end every handshake
 * place came back and, with Netty's leak detector at PARANOID, no buffer leaked.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrameDecoderFuzzTests {

	private static final int INPUTS = 20_000;

	private static final Duration TIME_BOUND = Duration.ofSeconds(60);

	private static final int MAX_INPUT = 512;

	private static final int MAX_FRAME = TcpnetProtocol.MIN_MAX_FRAME_SIZE;

	private static final long SEED = 0x7C9E7L;

	private static ResourceLeakDetector.Level previousLeakLevel;

	private static Level previousLogLevel;

	@BeforeAll
	static void paranoid() {
		previousLeakLevel = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		// Each channel's first refusal is a WARN; an unexpected error always is. The
		// DEBUG
		// lines of the further refusals are not wanted here.
		Logger logger = (Logger) LoggerFactory.getLogger("dev.tcpnet");
		previousLogLevel = logger.getLevel();
		logger.setLevel(Level.INFO);
	}

	@AfterAll
	static void restore() {
		ResourceLeakDetector.setLevel(previousLeakLevel);
		((Logger) LoggerFactory.getLogger("dev.tcpnet")).setLevel(previousLogLevel);
	}

	@Test
	@Order(1)
	void randomInputsBreakNothing(CapturedOutput output) {
		int mark = output.getAll().length();
		SwitchingListener listener = new SwitchingListener();
		HostilePipelines plain = HostilePipelines.create(listener, null, MAX_FRAME);
		HostilePipelines secret = HostilePipelines.create(listener, new SharedSecret("fuzz"), MAX_FRAME);
		Random random = new Random(SEED);
		List<String> failures = new ArrayList<>();
		int[] outcomes = new int[4];
		long start = System.nanoTime();
		long deadline = start + TIME_BOUND.toNanos();
		int run = 0;
		for (; run < INPUTS && System.nanoTime() < deadline && failures.size() < 20; run++) {
			boolean withSecret = random.nextInt(4) == 0;
			byte[] input = input(random, run, withSecret);
			Recorder recorder = new Recorder();
			listener.target = recorder;
			String failure = feed((withSecret ? secret : plain).newInbound(), input, random, recorder, outcomes);
			if (failure != null) {
				failures.add("input %d (%s): %s: %s".formatted(run, withSecret ? "secret" : "plain", failure,
						HexFormat.of().formatHex(input)));
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		System.out.printf(
				"%nFUZZ: %,d inputs in %,d ms: %,d closed before a handshake, %,d closed after one, %,d open"
						+ " connections, %,d closed by the handshake timeout%n%n",
				run, took.toMillis(), outcomes[0], outcomes[1], outcomes[2], outcomes[3]);
		assertThat(failures).as("inputs that broke an invariant").isEmpty();
		assertThat(run).as("inputs run").isGreaterThanOrEqualTo(1000);
		assertThat(plain.pendingHandshakes()).as("handshake places still taken (plain)").isZero();
		assertThat(secret.pendingHandshakes()).as("handshake places still taken (secret)").isZero();
		collectLeaks(output, mark, Duration.ofSeconds(2));
		assertThat(EscapedFailures.in(output.getAll().substring(mark))).as("signs of an escaped failure or a leak")
			.isEmpty();
	}

	/** The leak check above can fail: a buffer dropped without release is reported. */
	@Test
	@Order(2)
	void leakDetectionCatchesADeliberateLeak(CapturedOutput output) {
		int mark = output.getAll().length();
		leakOneBuffer();
		collectLeaks(output, mark, Duration.ofSeconds(20));
		assertThat(output.getAll().substring(mark).contains("LEAK:")).as("a leak reported").isTrue();
	}

	private static void leakOneBuffer() {
		ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(64);
		leaked.writeLong(42L);
		leaked.readLong();
	}

	/**
	 * Netty reports a leak when a tracked buffer was collected unreleased and another is
	 * allocated: collect, allocate, until a leak shows or the bound passes.
	 */
	private static void collectLeaks(CapturedOutput output, int mark, Duration bound) {
		long deadline = System.nanoTime() + bound.toNanos();
		do {
			System.gc();
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			for (int i = 0; i < 100; i++) {
				ByteBufAllocator.DEFAULT.buffer(8).release();
			}
		}
		while (System.nanoTime() < deadline && !output.getAll().substring(mark).contains("LEAK:"));
	}

	/**
	 * Feeds one input and checks the invariants.
	 * @return what broke, or {@code null}
	 */
	private static String feed(EmbeddedChannel channel, byte[] input, Random random, Recorder recorder,
			int[] outcomes) {
		try {
			for (byte[] piece : pieces(input, random)) {
				if (!channel.isOpen()) {
					break;
				}
				ByteBuf buf = channel.alloc().buffer(piece.length).writeBytes(piece);
				channel.writeInbound(buf);
				channel.runPendingTasks();
				channel.checkException();
				if (recorder.rejected.size() > 1) {
					return "refused more than once: " + recorder.rejected;
				}
				if (!recorder.rejected.isEmpty() && channel.isOpen()) {
					return "refused (" + recorder.rejected + ") but still open";
				}
			}
			drop(channel.readInbound());
			if (!recorder.messages.isEmpty() && recorder.connected.isEmpty()) {
				return "messages delivered without a handshake";
			}
			if (!channel.isOpen()) {
				outcomes[recorder.connected.isEmpty() ? 0 : 1]++;
			}
			else {
				channel.advanceTimeBy(HostilePipelines.HANDSHAKE_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
				channel.runScheduledPendingTasks();
				channel.runPendingTasks();
				channel.checkException();
				if (channel.isOpen() && recorder.connected.isEmpty()) {
					return "still open after the handshake timeout without a handshake";
				}
				if (!channel.isOpen() && !recorder.rejected.equals(List.of(RejectReason.TIMEOUT))) {
					return "closed by the timeout, but refusals were " + recorder.rejected;
				}
				outcomes[channel.isOpen() ? 2 : 3]++;
			}
			return null;
		}
		catch (Throwable ex) {
			return "escaped: " + ex;
		}
		finally {
			try {
				channel.finishAndReleaseAll();
			}
			catch (Throwable ex) {
				// Reported through the invariants above when it matters; the channel is
				// done.
			}
		}
	}

	private static void drop(Object message) {
		if (message instanceof ByteBuf buf) {
			buf.release();
		}
	}

	/** The input whole, or cut at random places. */
	private static List<byte[]> pieces(byte[] input, Random random) {
		List<byte[]> pieces = new ArrayList<>();
		if (input.length == 0) {
			return pieces;
		}
		if (random.nextBoolean()) {
			pieces.add(input);
			return pieces;
		}
		int at = 0;
		while (at < input.length) {
			int length = 1 + random.nextInt(Math.min(input.length - at, 1 + random.nextInt(64)));
			byte[] piece = new byte[length];
			System.arraycopy(input, at, piece, 0, length);
			pieces.add(piece);
			at += length;
		}
		return pieces;
	}

	private static byte[] input(Random random, int run, boolean withSecret) {
		byte[] bytes = switch (run % 6) {
			case 0 -> randomBytes(random, random.nextInt(MAX_INPUT + 1));
			case 1 -> HostileWire.concat(HostileWire.preface(), randomBytes(random, random.nextInt(MAX_INPUT)));
			case 2 -> mutate(random,
					HostileWire.concat(HostileWire.preface(), validFrames(random, withSecret, 1 + random.nextInt(3))));
			case 3 -> mutate(random, HostileWire.concat(HostileWire.preface(), hello(random, withSecret),
					validFrames(random, withSecret, random.nextInt(4))), 0.5);
			case 4 -> HostileWire.concat(HostileWire.preface(),
					HostileWire.rawFrame(hostileLength(random), randomBytes(random, random.nextInt(64))));
			default -> mutate(random, HostileWire.concat(HostileWire.preface(), hello(random, withSecret)));
		};
		return (bytes.length > MAX_INPUT) ? Arrays.copyOf(bytes, MAX_INPUT) : bytes;
	}

	private static int hostileLength(Random random) {
		int[] lengths = { 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, MAX_FRAME, MAX_FRAME + 1, 2, 5, 64 };
		return random.nextBoolean() ? lengths[random.nextInt(lengths.length)] : random.nextInt();
	}

	private static byte[] hello(Random random, boolean withSecret) {
		byte[] challenge = randomBytes(random, TcpnetProtocol.CHALLENGE_LENGTH);
		String cluster = (random.nextInt(5) == 0) ? "other" : "test";
		String nodeId = switch (random.nextInt(6)) {
			case 0 -> "local";
			case 1 -> "bad id!";
			default -> "remote-" + random.nextInt(1000);
		};
		int flags = (random.nextInt(5) == 0) ? (withSecret ? 0 : 1) : (withSecret ? TcpnetProtocol.FLAG_SECRET : 0);
		return HostileWire.hello(cluster, nodeId, random.nextInt(65536), random.nextLong(), flags, challenge);
	}

	private static byte[] validFrames(Random random, boolean withSecret, int count) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < count; i++) {
			out.writeBytes(switch (random.nextInt(13)) {
				case 0 -> hello(random, withSecret);
				case 1 -> HostileWire.auth(randomBytes(random, random.nextBoolean() ? 32 : random.nextInt(40)));
				case 2 -> HostileWire.message(random.nextInt(5), "topic-" + random.nextInt(10),
						randomBytes(random, random.nextInt(100)));
				case 3 -> HostileWire.frame(TcpnetProtocol.GOODBYE, new byte[0]);
				case 4 -> HostileWire.frame(TcpnetProtocol.DUPLICATE, new byte[0]);
				case 5 -> HostileWire.reject(RejectReason.values()[random.nextInt(RejectReason.values().length)], "no");
				case 6 -> HostileWire.frame((byte) random.nextInt(256), randomBytes(random, random.nextInt(16)));
				case 7 -> HostileWire.envelope(random.nextLong(), random.nextInt(6), random.nextLong(),
						random.nextBoolean() ? "" : "t", randomBytes(random, random.nextInt(8)));
				case 8 -> HostileWire.ack(random.nextBoolean() ? random.nextInt(5) : random.nextLong());
				case 9 -> HostileWire.ping(random.nextLong());
				case 10 -> HostileWire.pong(random.nextLong());
				case 11 -> peers(random);
				default -> HostileWire.message(0, "", new byte[0]);
			});
		}
		return out.toByteArray();
	}

	/** A peer-exchange frame, well formed or with a lying count or address length. */
	private static byte[] peers(Random random) {
		int count = random.nextInt(4);
		List<String> ids = new ArrayList<>();
		List<byte[]> addresses = new ArrayList<>();
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add((random.nextInt(8) == 0) ? "bad id!" : "peer-" + random.nextInt(100));
			int length = switch (random.nextInt(6)) {
				case 0 -> 16;
				case 1 -> random.nextInt(20);
				default -> 4;
			};
			addresses.add(randomBytes(random, length));
			ports.add(random.nextInt(65536));
		}
		int told = switch (random.nextInt(6)) {
			case 0 -> count + 1;
			case 1 -> 65535;
			case 2 -> TcpnetProtocol.MAX_EXCHANGED_PEERS + 1;
			default -> count;
		};
		return HostileWire.peers(told, ids, addresses, ports);
	}

	private static byte[] mutate(Random random, byte[] valid) {
		return mutate(random, valid, 1.0);
	}

	/** With the given probability, a few flips, inserts, deletes or a truncation. */
	private static byte[] mutate(Random random, byte[] valid, double probability) {
		if (random.nextDouble() >= probability || valid.length == 0) {
			return valid;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(valid);
		byte[] bytes = out.toByteArray();
		int mutations = 1 + random.nextInt(4);
		for (int i = 0; i < mutations && bytes.length > 0; i++) {
			int at = random.nextInt(bytes.length);
			switch (random.nextInt(4)) {
				case 0 -> bytes[at] = (byte) random.nextInt(256);
				case 1 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
				case 2 -> {
					byte[] longer = new byte[bytes.length + 1];
					System.arraycopy(bytes, 0, longer, 0, at);
					longer[at] = (byte) random.nextInt(256);
					System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
					bytes = longer;
				}
				default -> bytes = Arrays.copyOf(bytes, at);
			}
		}
		return bytes;
	}

	private static byte[] randomBytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	/** Forwards to the recorder of the input being fed. */
	static final class SwitchingListener implements TransportListener {

		volatile Recorder target = new Recorder();

		@Override
		public void connected(Connection connection) {
			this.target.connected(connection);
		}

		@Override
		public void rejected(SocketAddress remote, RejectReason reason) {
			this.target.rejected.add(reason);
		}

	}

	/** What one input's channel reported. */
	static final class Recorder implements ConnectionListener {

		final List<Connection> connected = new ArrayList<>();

		final List<RejectReason> rejected = new ArrayList<>();

		final List<String> messages = new ArrayList<>();

		void connected(Connection connection) {
			connection.listen(this);
			this.connected.add(connection);
		}

		@Override
		public void received(Connection connection, Envelope envelope) {
			this.messages.add(envelope.topic());
		}

		@Override
		public void acknowledged(Connection connection, long seq) {
		}

		@Override
		public void goodbye(Connection connection) {
		}

		@Override
		public void duplicate(Connection connection) {
		}

		@Override
		public void closed(Connection connection) {
		}

	}

}
