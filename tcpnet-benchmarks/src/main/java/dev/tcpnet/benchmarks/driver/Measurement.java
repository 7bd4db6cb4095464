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

package dev.tcpnet.benchmarks.driver;

import java.util.ArrayList;
import java.util.List;

/**
 * One figure of one system over the runs: for example {@code throughput} / {@code 64 B} /
 * {@code tcpnet} in {@code msg/s}. Runs that failed (a timeout) are {@code NaN} and count
 * as failures, not as figures.
 */
final class Measurement {

	final String section;

	final String name;

	final String system;

	final String unit;

	final boolean higherIsBetter;

	/** Whether it is a secondary figure: in the JSON, not in the table or the chart. */
	boolean detail;

	/** Whether the chart shows it (the table shows every figure that is not a detail). */
	boolean charted = true;

	final List<Double> values = new ArrayList<>();

	Measurement(String section, String name, String system, String unit, boolean higherIsBetter) {
		this.section = section;
		this.name = name;
		this.system = system;
		this.unit = unit;
		this.higherIsBetter = higherIsBetter;
	}

	void add(double value) {
		this.values.add(value);
	}

	Stats stats() {
		return Stats.of(this.values);
	}

	long failures() {
		return this.values.stream().filter((v) -> v.isNaN()).count();
	}

	String key() {
		return this.section + " | " + this.name;
	}

}
