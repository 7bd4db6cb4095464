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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One parsed {@code FAULT-KIND t=EPOCH_MILLIS key=value ...} line of a driver.
 *
 * @param kind the kind, such as {@code EVENT} or {@code SEND}
 * @param time the epoch milliseconds the driver wrote it at
 * @param values the key-value pairs, in order
 * @param raw the line as written
 */
record Line(String kind, long time, Map<String, String> values, String raw) {

	/**
	 * Parses a driver line.
	 * @param text a line of output
	 * @return the parsed line, or empty when the line is no {@code FAULT-} line
	 */
	static Optional<Line> parse(String text) {
		int start = text.indexOf("FAULT-");
		if (start < 0) {
			return Optional.empty();
		}
		String[] words = text.substring(start).trim().split(" ");
		String kind = words[0].substring("FAULT-".length());
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 1; i < words.length; i++) {
			int equals = words[i].indexOf('=');
			if (equals > 0) {
				values.put(words[i].substring(0, equals), words[i].substring(equals + 1));
			}
		}
		String time = values.remove("t");
		if (time == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(new Line(kind, Long.parseLong(time), values, text));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	@Nullable String get(String key) {
		return this.values.get(key);
	}

	boolean is(String key, String value) {
		return value.equals(this.values.get(key));
	}

	long number(String key) {
		String value = this.values.get(key);
		if (value == null) {
			throw new IllegalStateException("no '" + key + "' in " + this.raw);
		}
		return (long) Double.parseDouble(value);
	}

	double decimal(String key) {
		String value = this.values.get(key);
		if (value == null) {
			throw new IllegalStateException("no '" + key + "' in " + this.raw);
		}
		return Double.parseDouble(value);
	}

	@Override
	public String toString() {
		return this.raw;
	}

}
