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
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

import dev.tcpnet.MessageDroppedException;
import dev.tcpnet.Tcpnet;
import dev.tcpnet.peer.NodeId;

/**
 * One SENDER run: messages 1..count to one node at a steady rate, through whatever
 * happens to the connection, then waiting for every future. Reports {@code FAULT-SEND}
 * lines with {@code state=START}, {@code PROGRESS}, {@code DONE}, and at the end one
 * {@code FAULT-OUTCOMES} line that says for every sequence number what became of its
 * future: {@code completed=RANGES}, {@code pending=RANGES} and
 * {@code failed.REASON=RANGES} per reason (see {@link SeqRanges}).
 */
final class SendRun implements Runnable {

	private final Tcpnet tcpnet;

	private final String run;

	private final NodeId target;

	private final int count;

	private final double rate;

	private final int progressEvery;

	private final Duration settleTimeout;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong completed = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong firstFailed = new AtomicLong(Long.MAX_VALUE);

	private final AtomicLong lastFailed = new AtomicLong();

	private final AtomicLong lastCompleted = new AtomicLong();

	private final Map<String, Long> failures = new TreeMap<>();

	// Guarded by failures: per sequence number, completed, or failed for a reason.
	private final BitSet completedSeqs = new BitSet();

	private final Map<String, BitSet> failedSeqs = new TreeMap<>();

	private volatile boolean cancelled;

	SendRun(Tcpnet tcpnet, String run, String target, int count, double rate, int progressEvery,
			Duration settleTimeout) {
		this.tcpnet = tcpnet;
		this.run = run;
		this.target = NodeId.of(target);
		this.count = count;
		this.rate = rate;
		this.progressEvery = Math.max(1, progressEvery);
		this.settleTimeout = settleTimeout;
	}

	@Override
	public void run() {
		Report.line("SEND", keyValues("START", "count", this.count, "rate", this.rate));
		long start = System.nanoTime();
		// The futures are not kept: a run's failed futures (each holding an exception)
		// would
		// weigh in the node's memory, which the hostile tests measure.
		for (int seq = 1; seq <= this.count; seq++) {
			pace(start, seq);
			if (this.cancelled) {
				Report.line("SEND", keyValues("CANCELLED"));
				outcomes(seq - 1);
				return;
			}
			send(seq);
			this.sent.incrementAndGet();
			if (seq % this.progressEvery == 0) {
				progress("PROGRESS");
			}
		}
		long sendMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		long settleStart = System.nanoTime();
		settle();
		long settleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settleStart);
		Report.line("SEND",
				keyValues(this.cancelled ? "CANCELLED" : "DONE", "sendMs", sendMillis, "settleMs", settleMillis));
		outcomes(this.count);
	}

	/**
	 * Reports what became of every sequence number sent; the rest of 1..sent is pending.
	 */
	private void outcomes(int sent) {
		List<Object> line = new ArrayList<>(List.of("run", this.run, "target", this.target));
		synchronized (this.failures) {
			BitSet pending = new BitSet();
			pending.set(1, sent + 1);
			pending.andNot(this.completedSeqs);
			line.addAll(List.of("completed", SeqRanges.format(this.completedSeqs)));
			this.failedSeqs.forEach((reason, seqs) -> {
				pending.andNot(seqs);
				line.addAll(List.of("failed." + reason, SeqRanges.format(seqs)));
			});
			line.addAll(List.of("pending", SeqRanges.format(pending)));
		}
		Report.line("OUTCOMES", line.toArray());
	}

	/**
	 * Stops sending (the futures of what was sent are not waited for).
	 */
	void cancel() {
		this.cancelled = true;
	}

	private void pace(long start, int seq) {
		if (this.rate <= 0) {
			return;
		}
		long due = start + (long) ((seq - 1) * 1_000_000_000d / this.rate);
		long wait;
		while ((wait = due - System.nanoTime()) > 0 && !this.cancelled) {
			LockSupport.parkNanos(wait);
		}
	}

	private void send(int seq) {
		byte[] payload = Integer.toString(seq).getBytes(StandardCharsets.US_ASCII);
		CompletableFuture<Void> future;
		try {
			future = this.tcpnet.send(this.target, this.run, payload);
		}
		catch (RuntimeException ex) {
			future = CompletableFuture.failedFuture(ex);
		}
		future.whenComplete((result, failure) -> settled(seq, failure));
	}

	private void settled(int seq, @Nullable Throwable failure) {
		if (failure == null) {
			synchronized (this.failures) {
				this.completedSeqs.set(seq);
			}
			this.completed.incrementAndGet();
			this.lastCompleted.accumulateAndGet(seq, Math::max);
			return;
		}
		String reason = reason(failure);
		// With the reasons, under their lock: a progress line reads both at once.
		synchronized (this.failures) {
			this.failed.incrementAndGet();
			this.firstFailed.accumulateAndGet(seq, Math::min);
			this.lastFailed.accumulateAndGet(seq, Math::max);
			this.failures.merge(reason, 1L, Long::sum);
			this.failedSeqs.computeIfAbsent(reason, (key) -> new BitSet()).set(seq);
		}
	}

	static String reason(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof MessageDroppedException dropped) {
			return dropped.getReason().name();
		}
		return cause.getClass().getSimpleName();
	}

	// Until every future sent has ended, failed or not, with a progress line every
	// second.
	private void settle() {
		long deadline = System.nanoTime() + this.settleTimeout.toNanos();
		long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
		while (this.completed.get() + this.failed.get() < this.sent.get() && !this.cancelled
				&& System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			if (System.nanoTime() >= nextProgress) {
				progress("SETTLING");
				nextProgress += TimeUnit.SECONDS.toNanos(1);
			}
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
		}
	}

	private void progress(String state) {
		Report.line("SEND", keyValues(state));
	}

	private Object[] keyValues(String state, Object... more) {
		String reasons;
		long failed;
		long firstFailedSeq;
		long lastFailedSeq;
		synchronized (this.failures) {
			reasons = this.failures.isEmpty() ? "-" : String.join(",",
					this.failures.entrySet().stream().map((e) -> e.getKey() + ":" + e.getValue()).toList());
			failed = this.failed.get();
			firstFailedSeq = this.firstFailed.get();
			lastFailedSeq = this.lastFailed.get();
		}
		long sent = this.sent.get();
		long completed = this.completed.get();
		Object[] base = { "run", this.run, "state", state, "target", this.target, "sent", sent, "completed", completed,
				"failed", failed, "pending", sent - completed - failed, "failures", reasons, "firstFailed",
				(firstFailedSeq == Long.MAX_VALUE) ? 0 : firstFailedSeq, "lastFailed", lastFailedSeq, "lastCompleted",
				this.lastCompleted.get() };
		Object[] all = new Object[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

}
