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

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.peer.NodeId;

/**
 * The application sending in a tight loop: messages of a fixed size to one node, one
 * after the other without pause, for a number of seconds (at most {@value #MAX_SENDS}
 * sends), counting how the futures end. Nothing is retained per send, so the driver's own
 * memory stays flat however many sends fail. Reports {@code FAULT-FLOOD} lines:
 * {@code state=START}, {@code PROGRESS} every second, {@code DONE} when the loop ends,
 * and {@code SETTLED} once every future has ended or {@value #SETTLE_SECONDS} s later,
 * whichever is first.
 */
final class FloodRun implements Runnable {

	static final long MAX_SENDS = 200_000_000L;

	static final int SETTLE_SECONDS = 5;

	private final Tcpnet tcpnet;

	private final String run;

	private final NodeId target;

	private final Duration duration;

	private final byte[] payload;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong completed = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final Map<String, Long> failures = new TreeMap<>();

	private volatile boolean cancelled;

	FloodRun(Tcpnet tcpnet, String run, String target, Duration duration, int size) {
		this.tcpnet = tcpnet;
		this.run = run;
		this.target = NodeId.of(target);
		this.duration = duration;
		this.payload = new byte[size];
	}

	@Override
	public void run() {
		report("START", "seconds", this.duration.toSeconds(), "size", this.payload.length);
		long start = System.nanoTime();
		long end = start + this.duration.toNanos();
		long nextProgress = start + TimeUnit.SECONDS.toNanos(1);
		long now = start;
		while (now < end && !this.cancelled && this.sent.get() < MAX_SENDS) {
			send();
			// Reading the clock costs more than a refused send: every 256 sends is often
			// enough.
			if ((this.sent.get() & 0xFF) == 0) {
				now = System.nanoTime();
				if (now >= nextProgress) {
					report("PROGRESS");
					nextProgress += TimeUnit.SECONDS.toNanos(1);
				}
			}
		}
		long sendMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		report("DONE", "sendMs", sendMillis);
		long settleEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
		while (pending() > 0 && !this.cancelled && System.nanoTime() < settleEnd) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
		}
		report("SETTLED");
	}

	void cancel() {
		this.cancelled = true;
	}

	private void send() {
		this.sent.incrementAndGet();
		CompletableFuture<Void> future;
		try {
			future = this.tcpnet.send(this.target, this.run, this.payload);
		}
		catch (RuntimeException ex) {
			settled(ex);
			return;
		}
		future.whenComplete((result, failure) -> settled(failure));
	}

	private void settled(@Nullable Throwable failure) {
		if (failure == null) {
			this.completed.incrementAndGet();
			return;
		}
		this.failed.incrementAndGet();
		String reason = SendRun.reason(failure);
		synchronized (this.failures) {
			this.failures.merge(reason, 1L, Long::sum);
		}
	}

	private long pending() {
		return this.sent.get() - this.completed.get() - this.failed.get();
	}

	private void report(String state, Object... more) {
		String reasons;
		synchronized (this.failures) {
			reasons = this.failures.isEmpty() ? "-" : String.join(",",
					this.failures.entrySet().stream().map((e) -> e.getKey() + ":" + e.getValue()).toList());
		}
		Object[] base = { "run", this.run, "state", state, "target", this.target, "sent", this.sent.get(), "completed",
				this.completed.get(), "failed", this.failed.get(), "pending", pending(), "failures", reasons };
		Object[] all = new Object[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		Report.line("FLOOD", all);
	}

}
