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

import java.util.BitSet;

/**
 * Sets of sequence numbers written as ranges, {@code 1-500,502,510-900} ({@code -} for
 * none), so that a report line can say for every number of a run what became of it.
 */
final class SeqRanges {

	/**
	 * More ranges than this are cut short with a trailing {@code ,...}: a line stays a
	 * line.
	 */
	static final int MAX_RANGES = 5000;

	private SeqRanges() {
	}

	/**
	 * Formats a set.
	 * @param seqs the numbers, from 1
	 * @return the ranges, or {@code -} when the set is empty
	 */
	static String format(BitSet seqs) {
		if (seqs.isEmpty()) {
			return "-";
		}
		StringBuilder text = new StringBuilder();
		int ranges = 0;
		int start = seqs.nextSetBit(0);
		while (start >= 0) {
			if (ranges++ == MAX_RANGES) {
				text.append(",...");
				break;
			}
			int end = seqs.nextClearBit(start) - 1;
			if (text.length() > 0) {
				text.append(',');
			}
			text.append(start);
			if (end > start) {
				text.append('-').append(end);
			}
			start = seqs.nextSetBit(end + 1);
		}
		return text.toString();
	}

	/**
	 * Parses what {@link #format} wrote.
	 * @param text the ranges
	 * @return the set
	 * @throws IllegalArgumentException when the text was cut short or is no ranges
	 */
	static BitSet parse(String text) {
		BitSet seqs = new BitSet();
		if (text.equals("-")) {
			return seqs;
		}
		for (String range : text.split(",")) {
			if (range.equals("...")) {
				throw new IllegalArgumentException("ranges cut short after " + MAX_RANGES);
			}
			int dash = range.indexOf('-');
			int from = Integer.parseInt((dash < 0) ? range : range.substring(0, dash));
			int to = (dash < 0) ? from : Integer.parseInt(range.substring(dash + 1));
			seqs.set(from, to + 1);
		}
		return seqs;
	}

}
