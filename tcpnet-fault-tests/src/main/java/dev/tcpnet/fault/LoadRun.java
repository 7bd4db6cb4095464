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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;

/**
 * The soak's steady mixed load ({@code fault.load.*}), from the moment the application is
 * ready until it stops: {@code rate} rounds a second; in each, a numbered message (topic
 * {@value #TOPIC}, payload the number in decimal, one sequence per peer) to every
 * connected peer; every {@code request-every} rounds a request to every connected peer's
 * {@code echo} handler; every {@code broadcast-every} rounds a broadcast on
 * {@value #BROADCAST_TOPIC}. Writes a {@code FAULT-LOAD} line with its counts every 10 s.
 * Nothing is retained per send but the futures tcpnet itself holds.
 */
@Component
class LoadRun implements DisposableBean {

	static final String TOPIC = "load";

	static final String BROADCAST_TOPIC = "load-broadcast";

	private static final long REPORT_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Tcpnet tcpnet;

	private final DriverProperties.Load settings;

	private final Map<NodeId, AtomicLong> sequences = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	private volatile boolean stopped;

	LoadRun(Tcpnet tcpnet, DriverProperties properties) {
		this.tcpnet = tcpnet;
		this.settings = properties.getLoad();
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		if (this.settings.getRate() > 0) {
			Thread thread = new Thread(this::run, "fault-load");
			thread.setDaemon(true);
			thread.start();
		}
	}

	private void run() {
		byte[] request = new byte[this.settings.getRequestSize()];
		long period = (long) (1_000_000_000d / this.settings.getRate());
		long next = System.nanoTime();
		long nextReport = next + REPORT_NANOS;
		for (long round = 1; !this.stopped; round++) {
			for (Peer peer : this.tcpnet.peers()) {
				message(peer.nodeId());
				if (round % this.settings.getRequestEvery() == 0) {
					request(peer.nodeId(), request);
				}
			}
			if (round % this.settings.getBroadcastEvery() == 0) {
				count("broadcastTo", this.tcpnet.broadcast(BROADCAST_TOPIC, "round " + round).size());
			}
			if (System.nanoTime() >= nextReport) {
				report();
				nextReport += REPORT_NANOS;
			}
			next += period;
			long wait;
			while ((wait = next - System.nanoTime()) > 0 && !this.stopped) {
				LockSupport.parkNanos(wait);
			}
		}
	}

	private void message(NodeId peer) {
		long seq = this.sequences.computeIfAbsent(peer, (key) -> new AtomicLong()).incrementAndGet();
		track("message", () -> this.tcpnet.send(peer, TOPIC, Long.toString(seq).getBytes(StandardCharsets.US_ASCII)));
	}

	private void request(NodeId peer, byte[] payload) {
		track("request",
				() -> this.tcpnet.request(peer, EchoHandler.TOPIC, payload, this.settings.getRequestTimeout()));
	}

	private void track(String kind, FutureSupplier send) {
		count(kind + "Sent", 1);
		CompletableFuture<?> future;
		try {
			future = send.get();
		}
		catch (RuntimeException ex) {
			settled(kind, ex);
			return;
		}
		future.whenComplete((result, failure) -> settled(kind, failure));
	}

	private void settled(String kind, @Nullable Throwable failure) {
		count((failure != null) ? kind + "Failed." + SendRun.reason(failure) : kind + "Completed", 1);
	}

	private void count(String key, long delta) {
		this.counts.computeIfAbsent(key, (k) -> new AtomicLong()).addAndGet(delta);
	}

	private void report() {
		Map<String, Long> snapshot = new TreeMap<>();
		this.counts.forEach((key, value) -> snapshot.put(key, value.get()));
		Object[] line = new Object[snapshot.size() * 2];
		int i = 0;
		for (Map.Entry<String, Long> entry : snapshot.entrySet()) {
			line[i++] = entry.getKey();
			line[i++] = entry.getValue();
		}
		Report.line("LOAD", line);
	}

	@Override
	public void destroy() {
		this.stopped = true;
	}

	@FunctionalInterface
	private interface FutureSupplier {

		CompletableFuture<?> get();

	}

}
