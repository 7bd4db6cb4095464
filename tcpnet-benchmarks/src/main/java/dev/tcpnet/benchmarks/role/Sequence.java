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

/**
 * Sequence numbers in the first eight bytes of a throughput message, so that a receiver
 * can check that what it counts arrived in order: every sender of a window numbers its
 * messages from 0, and the receiver counts each message whose number is not the one after
 * the previous message's.
 *
 * @since 0.1.0
 */
public final class Sequence {

	private long expected;

	private long disorders;

	/**
	 * A copy of {@code template} carrying {@code number} (big-endian) in its first eight
	 * bytes, or in as many as it has.
	 * @param template the payload
	 * @param number the message's number
	 * @return the numbered copy
	 */
	public static byte[] stamp(byte[] template, long number) {
		byte[] payload = template.clone();
		for (int i = 0, n = Math.min(8, payload.length); i < n; i++) {
			payload[i] = (byte) (number >>> (56 - 8 * i));
		}
		return payload;
	}

	/**
	 * The number a payload carries.
	 * @param payload the payload
	 * @param offset where the payload starts
	 * @param length its length
	 * @return the number
	 */
	public static long number(byte[] payload, int offset, int length) {
		long number = 0;
		for (int i = 0, n = Math.min(8, length); i < n; i++) {
			number = (number << 8) | (payload[offset + i] & 0xff);
		}
		return number;
	}

	/**
	 * Checks the next message's number: a 0 starts a new sender's window.
	 * @param number the number the message carries
	 */
	public void check(long number) {
		if (number != 0 && number != this.expected) {
			this.disorders++;
		}
		this.expected = number + 1;
	}

	/**
	 * Messages that did not carry the number after the previous message's.
	 * @return how many
	 */
	public long disorders() {
		return this.disorders;
	}

}
