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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbered throughput messages and the receiver's order check.
 */
class SequenceTests {

	@Test
	void stampedNumberReadsBack() {
		byte[] template = new byte[64];
		byte[] stamped = Sequence.stamp(template, 0x0102030405L);
		assertThat(Sequence.number(stamped, 0, stamped.length)).isEqualTo(0x0102030405L);
		assertThat(template).containsOnly(0);
		assertThat(stamped).hasSize(64);
	}

	@Test
	void countsMessagesOutOfOrder() {
		Sequence sequence = new Sequence();
		for (long n : new long[] { 0, 1, 2, 4, 3, 0, 1 }) {
			sequence.check(n);
		}
		assertThat(sequence.disorders()).isEqualTo(2);
	}

	@Test
	void aNewWindowStartsAtZero() {
		Sequence sequence = new Sequence();
		for (long n : new long[] { 0, 1, 2, 0, 1, 2 }) {
			sequence.check(n);
		}
		assertThat(sequence.disorders()).isZero();
	}

}
