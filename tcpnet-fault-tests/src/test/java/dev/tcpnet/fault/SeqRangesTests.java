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
import java.util.BitSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Sequence numbers as ranges, and the numbers large payloads start with: what the hostile
 * tests compare per sequence number must survive the trip through a report line.
 */
class SeqRangesTests {

	@Test
	void rangesAndSingleNumbersRoundTrip() {
		BitSet seqs = new BitSet();
		seqs.set(1, 501);
		seqs.set(502);
		seqs.set(510, 901);
		assertThat(SeqRanges.format(seqs)).isEqualTo("1-500,502,510-900");
		assertThat(SeqRanges.parse("1-500,502,510-900")).isEqualTo(seqs);
	}

	@Test
	void anEmptySetIsADash() {
		assertThat(SeqRanges.format(new BitSet())).isEqualTo("-");
		assertThat(SeqRanges.parse("-").isEmpty()).isTrue();
	}

	@Test
	void tooManyRangesAreCutShortAndDoNotParse() {
		BitSet seqs = new BitSet();
		for (int i = 1; i <= 2 * (SeqRanges.MAX_RANGES + 10); i += 2) {
			seqs.set(i);
		}
		String text = SeqRanges.format(seqs);
		assertThat(text).endsWith(",...");
		assertThatIllegalArgumentException().isThrownBy(() -> SeqRanges.parse(text));
	}

	@Test
	void receiverSummaryListsTheNumbersReceived() {
		ReceiverStats stats = new ReceiverStats();
		for (int seq : new int[] { 1, 2, 3, 7 }) {
			stats.record("a", "r", Integer.toString(seq).getBytes(StandardCharsets.US_ASCII), seq);
		}
		Line line = Line.parse(Report.format(0, "RECV", stats.summaries().get(0))).orElseThrow();
		assertThat(line.get("seqs")).isEqualTo("1-3,7");
	}

	@Test
	void slowListenerReadsTheNumberALargePayloadStartsWith() {
		byte[] payload = new byte[4096];
		byte[] head = "1234 ".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(head, 0, payload, 0, head.length);
		assertThat(SlowListener.leadingNumber(payload)).isEqualTo(1234);
		assertThat(SlowListener.leadingNumber("77".getBytes(StandardCharsets.US_ASCII))).isEqualTo(77);
		assertThat(SlowListener.leadingNumber("x1".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
		assertThat(SlowListener.leadingNumber(new byte[0])).isEqualTo(-1);
	}

}
