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

package dev.tcpnet.benchmarks.role;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.Tcpnet;
import dev.tcpnet.TcpnetListener;
import dev.tcpnet.TopicListener;
import dev.tcpnet.TopicStream;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.event.TcpnetStartedEvent;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;

/**
 * A measured tcpnet node: a Boot application with the starter, nothing else, that reports
 * its peer events as figure lines and answers the suite's commands through the public API
 * only. {@code --bench.contexts=K} runs K nodes in this JVM (helper peers of the cost
 * measurement); the suite's commands then go to the first.
 *
 * <p>
 * Figure lines: {@code @started ms nodeId port}, {@code @connected ms peer peers self},
 * {@code @disconnected ms peer reason peers self}, {@code @ready ms jvmStartMs}.
 * Commands: {@code count} ({@code @count messages bytes nanoTime disorders}),
 * {@code send peer size seconds window [topic]} (topic {@code bench-stream}: through a
 * {@code TopicStream}, the window unused), {@code stop},
 * {@code ping peer size warmup count seconds [topic]}, {@code stats}.
 *
 * @since 0.1.0
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BenchNode {

	static final String ECHO = "bench-echo";

	static final String ECHO_POOLED = "bench-echo-pooled";

	/** The topic whose messages are published as {@code PeerMessageEvent}s. */
	static final String EVENTS = "bench";

	/** The topic whose messages go to a {@link TopicListener}. */
	static final String DIRECT = "bench-direct";

	/** The topic whose messages go to a {@code @TcpnetListener} method taking bytes. */
	static final String ANNOTATED = "bench-annotated";

	/**
	 * The topic whose messages go to a {@code @TcpnetListener} method taking a record:
	 * the sender sends JSON.
	 */
	static final String JSON = "bench-json";

	/**
	 * The topic sent with a {@link TopicStream} and received by a {@link TopicListener}
	 * taking batches, as the README's "High-rate streams" shows.
	 */
	static final String STREAM = "bench-stream";

	private static volatile Probe first;

	public static void main(String[] args) throws InterruptedException {
		Protocol.serve((command) -> {
			Probe probe = first;
			if (probe == null) {
				throw new IllegalStateException("not started");
			}
			probe.command(command);
		});
		int contexts = Arrays.stream(args)
			.filter((arg) -> arg.startsWith("--bench.contexts="))
			.mapToInt((arg) -> Integer.parseInt(arg.substring(arg.indexOf('=') + 1)))
			.findFirst()
			.orElse(1);
		List<ConfigurableApplicationContext> nodes = new ArrayList<>();
		try {
			for (int i = 0; i < contexts; i++) {
				nodes.add(new SpringApplicationBuilder(BenchNode.class).web(WebApplicationType.NONE)
					.bannerMode(Banner.Mode.OFF)
					.run(args));
			}
		}
		catch (RuntimeException ex) {
			// Boot has reported why; a measured process that cannot start ends at once.
			Runtime.getRuntime().halt(1);
		}
		first = nodes.get(0).getBean(Probe.class);
		Thread.currentThread().join();
	}

	@Bean
	Probe benchProbe(ObjectProvider<Tcpnet> tcpnet) {
		return new Probe(tcpnet);
	}

	/**
	 * Counts the messages of the direct topic, which are not published as events.
	 * @param probe counts what arrives
	 * @return the listener
	 */
	@Bean
	TopicListener benchDirect(Probe probe) {
		return new TopicListener() {

			@Override
			public String topic() {
				return DIRECT;
			}

			@Override
			public void onMessage(Peer from, byte[] payload) {
				probe.received(payload);
			}

		};
	}

	/**
	 * Counts the messages of the stream topic a read at a time, as the README's
	 * {@code onMessages} listener takes them.
	 * @param probe counts what arrives
	 * @return the listener
	 */
	@Bean
	TopicListener benchStream(Probe probe) {
		return new TopicListener() {

			@Override
			public String topic() {
				return STREAM;
			}

			@Override
			public void onMessages(Peer from, List<byte[]> payloads) {
				for (byte[] payload : payloads) {
					probe.received(payload);
				}
			}

			@Override
			public void onMessage(Peer from, byte[] payload) {
				probe.received(payload);
			}

		};
	}

	/**
	 * Counts the messages of the annotated topics, as the {@code TopicListener} counts
	 * those of the direct one.
	 * @param probe counts what arrives
	 * @return the listeners
	 */
	@Bean
	AnnotatedListeners benchAnnotated(Probe probe) {
		return new AnnotatedListeners(probe);
	}

	/**
	 * Echoes on the network thread: it never blocks.
	 * @return the handler
	 */
	@Bean
	RequestHandler benchEcho() {
		return new RequestHandler() {

			@Override
			public String topic() {
				return ECHO;
			}

			@Override
			public byte[] handle(Peer from, byte[] payload) {
				return payload;
			}

			@Override
			public boolean isNonBlocking() {
				return true;
			}

		};
	}

	/**
	 * Echoes on tcpnet's request threads, as a handler that may block does.
	 * @return the handler
	 */
	@Bean
	RequestHandler benchEchoPooled() {
		return new RequestHandler() {

			@Override
			public String topic() {
				return ECHO_POOLED;
			}

			@Override
			public byte[] handle(Peer from, byte[] payload) {
				return payload;
			}

		};
	}

	/**
	 * The annotated path: the same counting behind {@code @TcpnetListener} methods, one
	 * with the payload as it came, one converted from JSON to a record.
	 */
	static final class AnnotatedListeners {

		private final Probe probe;

		AnnotatedListeners(Probe probe) {
			this.probe = probe;
		}

		@TcpnetListener(ANNOTATED)
		void bytes(byte[] payload) {
			this.probe.received(payload);
		}

		@TcpnetListener(JSON)
		void json(Tick tick) {
			this.probe.received(Tick.OVERHEAD + tick.data().length());
		}

	}

	/**
	 * The record of the JSON topic: {@code {"seq":n,"data":"…"}}.
	 *
	 * @param seq its number
	 * @param data filler up to the payload size
	 */
	record Tick(long seq, String data) {

		// The JSON of a Tick with seq 0 and empty data.
		static final int OVERHEAD = "{\"seq\":0,\"data\":\"\"}".length();

		/** JSON of about {@code size} bytes. */
		static byte[] json(int size) {
			String data = "x".repeat(Math.max(0, size - OVERHEAD));
			return ("{\"seq\":0,\"data\":\"" + data + "\"}").getBytes(StandardCharsets.UTF_8);
		}

	}

	/**
	 * Reports events and runs the commands.
	 */
	static final class Probe {

		private final ObjectProvider<Tcpnet> tcpnet;

		private final Set<NodeId> peers = ConcurrentHashMap.newKeySet();

		private volatile String self = "-";

		// Written by the tcpnet-events thread only.
		private volatile long messages;

		private volatile long bytes;

		// Written by the thread that delivers the topic's messages only.
		private final Sequence sequence = new Sequence();

		private volatile boolean stop;

		private volatile Thread sender;

		private final LongAdder failed = new LongAdder();

		private volatile long sent;

		Probe(ObjectProvider<Tcpnet> tcpnet) {
			this.tcpnet = tcpnet;
		}

		@EventListener
		void started(TcpnetStartedEvent event) {
			this.self = event.getLocalNode().nodeId().value();
			Protocol.emit("started", System.currentTimeMillis(), this.self, event.getPort());
		}

		@EventListener
		void connected(PeerConnectedEvent event) {
			NodeId peer = event.getPeer().nodeId();
			this.peers.add(peer);
			Protocol.emit("connected", System.currentTimeMillis(), peer.value(), this.peers.size(), this.self,
					event.getPeer().transport());
		}

		@EventListener
		void disconnected(PeerDisconnectedEvent event) {
			NodeId peer = event.getPeer().nodeId();
			this.peers.remove(peer);
			Protocol.emit("disconnected", System.currentTimeMillis(), peer.value(), event.getReason(),
					this.peers.size(), this.self);
		}

		@EventListener
		void message(PeerMessageEvent event) {
			received(event.getPayload());
		}

		void received(byte[] payload) {
			this.sequence.check(Sequence.number(payload, 0, payload.length));
			received(payload.length);
		}

		void received(int size) {
			this.bytes += size;
			this.messages++;
		}

		@EventListener
		void ready(ApplicationReadyEvent event) {
			Protocol.emit("ready", System.currentTimeMillis(), ManagementFactory.getRuntimeMXBean().getStartTime());
		}

		void command(String[] command) {
			switch (command[0]) {
				case "count" ->
					Protocol.emit("count", this.messages, this.bytes, System.nanoTime(), this.sequence.disorders());
				case "send" ->
					startSending(NodeId.of(command[1]), Integer.parseInt(command[2]), Double.parseDouble(command[3]),
							Integer.parseInt(command[4]), (command.length > 5) ? command[5] : EVENTS);
				case "stop" -> stopSending();
				case "ping" -> ping(NodeId.of(command[1]), Integer.parseInt(command[2]), Integer.parseInt(command[3]),
						Integer.parseInt(command[4]), Double.parseDouble(command[5]),
						(command.length > 6) ? command[6] : ECHO);
				case "stats" -> stats();
				default -> Protocol.emit("error", "unknown command " + command[0]);
			}
		}

		/**
		 * Sends flat out while keeping at most {@code window} messages unacknowledged
		 * (the delivery contract: more than {@code tcpnet.delivery.buffer-max} fail at
		 * once).
		 * @param peer the receiver
		 * @param size the payload size
		 * @param seconds how long to send
		 * @param window the most messages unacknowledged
		 * @param topic the topic
		 */
		private void startSending(NodeId peer, int size, double seconds, int window, String topic) {
			if (STREAM.equals(topic)) {
				startStreaming(peer, size, seconds);
				return;
			}
			Tcpnet mesh = this.tcpnet.getObject();
			this.stop = false;
			this.failed.reset();
			boolean json = JSON.equals(topic);
			byte[] payload = json ? Tick.json(size) : new byte[size];
			SendingDeadline deadline = new SendingDeadline(seconds);
			Thread thread = new Thread(() -> {
				Semaphore permits = new Semaphore(window);
				long count = 0;
				try {
					while (!this.stop && !deadline.passed()) {
						if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
							continue;
						}
						// Numbered, as the receiver checks the order (not the JSON
						// topic's).
						byte[] message = json ? payload : Sequence.stamp(payload, count);
						CompletableFuture<Void> acknowledged = mesh.send(peer, topic, message);
						count++;
						acknowledged.whenComplete((ok, failure) -> {
							if (failure != null) {
								this.failed.increment();
							}
							permits.release();
						});
					}
					// Every message sent is acknowledged before the next measurement.
					permits.tryAcquire(window, 30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				this.sent = count;
			}, "bench-sender");
			this.sender = thread;
			thread.start();
		}

		/**
		 * Sends flat out on a {@link TopicStream}, as the README shows it: {@code send}
		 * waits for room in the peer's buffer, and one {@code flush} at the end waits for
		 * every acknowledgement.
		 * @param peer the receiver
		 * @param size the payload size
		 * @param seconds how long to send
		 */
		private void startStreaming(NodeId peer, int size, double seconds) {
			TopicStream stream = this.tcpnet.getObject().stream(peer, STREAM);
			this.stop = false;
			this.failed.reset();
			byte[] payload = new byte[size];
			SendingDeadline deadline = new SendingDeadline(seconds);
			Thread thread = new Thread(() -> {
				long count = 0;
				try {
					while (!this.stop && !deadline.passed()) {
						// Numbered, as the receiver checks the order.
						stream.send(Sequence.stamp(payload, count), Duration.ofSeconds(5));
						count++;
					}
					stream.flush().get(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				catch (Exception ex) {
					this.failed.increment();
					Protocol.emit("error", "stream", ex.toString().replace('\n', ' '));
				}
				this.sent = count;
			}, "bench-sender");
			this.sender = thread;
			thread.start();
		}

		private void stopSending() {
			this.stop = true;
			Thread thread = this.sender;
			if (thread != null) {
				try {
					thread.join(40_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			Protocol.emit("stopped", this.sent, this.failed.sum());
		}

		private void ping(NodeId peer, int size, int warmup, int count, double seconds, String topic) {
			Tcpnet mesh = this.tcpnet.getObject();
			byte[] payload = new byte[size];
			long[] nanos = new long[count];
			long deadline = System.nanoTime() + (long) (seconds * 1e9);
			int measured = 0;
			try {
				for (int i = 0; i < warmup + count && System.nanoTime() < deadline; i++) {
					long start = System.nanoTime();
					mesh.request(peer, topic, payload, Duration.ofSeconds(10)).get(11, TimeUnit.SECONDS);
					if (i >= warmup) {
						nanos[measured++] = System.nanoTime() - start;
					}
				}
			}
			catch (Exception ex) {
				Protocol.emit("error", "ping", ex.toString().replace('\n', ' '));
			}
			Protocol.emitLatency(nanos, measured);
		}

		private void stats() {
			long[] footprint = Protocol.footprint();
			Protocol.emit("stats", footprint[0], footprint[1], ownThreads(), footprint[2], this.peers.size());
		}

		/**
		 * Threads that tcpnet started (its own, Netty's and JmDNS's).
		 * @return the number of threads
		 */
		private static long ownThreads() {
			ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
			return Arrays.stream(threads)
				.map((info) -> info.getThreadName().toLowerCase(Locale.ROOT))
				.filter((name) -> name.startsWith("tcpnet") || name.contains("jmdns")
						|| name.startsWith("socketlistener"))
				.count();
		}

	}

}
