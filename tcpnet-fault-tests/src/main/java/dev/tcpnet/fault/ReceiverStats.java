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
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * What arrived, per sender and run (the topic): counts, duplicates and order of the
 * sequence numbers carried as decimal payloads, and the numbers themselves as ranges
 * ({@link SeqRanges}).
 */
@Component
class ReceiverStats {

	private final Map<String, RunStats> runs = new LinkedHashMap<>();

	/**
	 * Records one received message.
	 * @param from the sender's node id
	 * @param run the run (the message's topic)
	 * @param payload the payload: a sequence number from 1, in decimal
	 * @param time when it arrived, epoch milliseconds
	 */
	synchronized void record(String from, String run, byte[] payload, long time) {
		runStats(from, run).record(RunStats.parse(payload), time);
	}

	/**
	 * Records one received message whose sequence number the caller read itself (from a
	 * payload that is more than the number, see {@link SlowListener}).
	 * @param from the sender's node id
	 * @param run the run (the message's topic)
	 * @param seq the sequence number, from 1; less for a malformed payload
	 * @param time when it arrived, epoch milliseconds
	 */
	synchronized void record(String from, String run, long seq, long time) {
		runStats(from, run).record(seq, time);
	}

	private RunStats runStats(String from, String run) {
		return this.runs.computeIfAbsent(from + " " + run, (key) -> new RunStats(from, run));
	}

	/**
	 * Returns a summary of every sender and run, as key-value pairs for {@link Report}.
	 * @return one array of alternating keys and values per sender and run
	 */
	synchronized List<Object[]> summaries() {
		List<Object[]> summaries = new ArrayList<>();
		this.runs.values().forEach((stats) -> summaries.add(stats.summary()));
		return summaries;
	}

	/**
	 * The messages of one sender and run.
	 */
	private static final class RunStats {

		private final String from;

		private final String run;

		private final BitSet seen = new BitSet();

		private long received;

		private long duplicates;

		private long outOfOrder;

		private long malformed;

		private long first = -1;

		private long last = -1;

		private long max;

		private long firstAt;

		private long lastAt;

		RunStats(String from, String run) {
			this.from = from;
			this.run = run;
		}

		void record(long seq, long time) {
			this.received++;
			if (this.firstAt == 0) {
				this.firstAt = time;
			}
			this.lastAt = time;
			if (seq < 1 || seq > Integer.MAX_VALUE) {
				this.malformed++;
				return;
			}
			if (this.first < 0) {
				this.first = seq;
			}
			this.last = seq;
			if (this.seen.get((int) seq)) {
				this.duplicates++;
				return;
			}
			this.seen.set((int) seq);
			if (seq < this.max) {
				this.outOfOrder++;
			}
			this.max = Math.max(this.max, seq);
		}

		static long parse(byte[] payload) {
			try {
				return Long.parseLong(new String(payload, StandardCharsets.US_ASCII));
			}
			catch (NumberFormatException ex) {
				return -1;
			}
		}

		Object[] summary() {
			int distinct = this.seen.cardinality();
			return new Object[] { "from", this.from, "run", this.run, "received", this.received, "distinct", distinct,
					"duplicates", this.duplicates, "outOfOrder", this.outOfOrder, "missing", this.max - distinct,
					"malformed", this.malformed, "first", this.first, "last", this.last, "max", this.max, "firstAt",
					this.firstAt, "lastAt", this.lastAt, "seqs", SeqRanges.format(this.seen) };
		}

	}

}
