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

import java.util.Objects;

/**
 * Writes the driver's parseable lines: {@code FAULT-KIND t=EPOCH_MILLIS key=value ...},
 * one line per record, values without white space. Every process of a test runs on the
 * same machine, so the tests compare these times with their own clock.
 */
final class Report {

	private Report() {
	}

	/**
	 * Writes one line.
	 * @param kind the kind of line, such as {@code EVENT}
	 * @param keyValues alternating keys and values
	 */
	static void line(String kind, Object... keyValues) {
		System.out.println(format(System.currentTimeMillis(), kind, keyValues));
	}

	static String format(long time, String kind, Object... keyValues) {
		if (keyValues.length % 2 != 0) {
			throw new IllegalArgumentException("keys and values must pair up");
		}
		StringBuilder line = new StringBuilder("FAULT-").append(kind).append(" t=").append(time);
		for (int i = 0; i < keyValues.length; i += 2) {
			line.append(' ').append(keyValues[i]).append('=').append(value(keyValues[i + 1]));
		}
		return line.toString();
	}

	private static String value(Object value) {
		String text = Objects.toString(value);
		return text.isEmpty() ? "-" : text.replaceAll("\\s+", "_");
	}

}
