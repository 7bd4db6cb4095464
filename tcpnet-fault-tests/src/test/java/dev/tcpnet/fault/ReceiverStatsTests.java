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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiver's counting, and the round trip of its summary through a report line: what
 * the fault tests assert on must mean what it says.
 */
class ReceiverStatsTests {

	private final ReceiverStats stats = new ReceiverStats();

	@Test
	void inOrderMessagesAreCountedOnceWithoutGaps() {
		receive("a", "r", 1, 2, 3, 4);
		assertThat(summary("a", "r")).containsEntry("received", "4")
			.containsEntry("distinct", "4")
			.containsEntry("duplicates", "0")
			.containsEntry("outOfOrder", "0")
			.containsEntry("missing", "0")
			.containsEntry("first", "1")
			.containsEntry("last", "4");
	}

	@Test
	void duplicatesReorderingsAndGapsAreCounted() {
		receive("a", "r", 1, 3, 2, 3, 6);
		assertThat(summary("a", "r")).containsEntry("received", "5")
			.containsEntry("distinct", "4")
			.containsEntry("duplicates", "1")
			.containsEntry("outOfOrder", "1")
			.containsEntry("missing", "2")
			.containsEntry("last", "6")
			.containsEntry("max", "6");
	}

	@Test
	void sendersAndRunsAreKeptApart() {
		receive("a", "r1", 1);
		receive("b", "r1", 1);
		receive("a", "r2", 1);
		assertThat(this.stats.summaries()).hasSize(3);
	}

	@Test
	void payloadsThatAreNoSequenceNumberAreMalformed() {
		this.stats.record("a", "r", "hello".getBytes(StandardCharsets.UTF_8), 1);
		assertThat(summary("a", "r")).containsEntry("malformed", "1").containsEntry("distinct", "0");
	}

	@Test
	void reportLinesParseBack() {
		String text = Report.format(1234, "SEND", "run", "my run", "failures", "", "sent", 5);
		Line line = Line.parse("[a] " + text).orElseThrow();
		assertThat(line.kind()).isEqualTo("SEND");
		assertThat(line.time()).isEqualTo(1234);
		assertThat(line.values()).containsExactly(Map.entry("run", "my_run"), Map.entry("failures", "-"),
				Map.entry("sent", "5"));
	}

	@Test
	void otherLinesAreNoReportLines() {
		assertThat(Line.parse("14:00:00.000 INFO  Mesh connected to b")).isEmpty();
	}

	private void receive(String from, String run, int... seqs) {
		for (int seq : seqs) {
			this.stats.record(from, run, Integer.toString(seq).getBytes(StandardCharsets.US_ASCII), seq);
		}
	}

	private Map<String, String> summary(String from, String run) {
		for (Object[] summary : this.stats.summaries()) {
			Line line = Line.parse(Report.format(0, "RECV", summary)).orElseThrow();
			if (line.is("from", from) && line.is("run", run)) {
				return line.values();
			}
		}
		throw new AssertionError("no summary of " + from + "/" + run);
	}

}
