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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run of the suite measured, in the order it was measured, with the goals
 * and notes.
 */
final class Results {

	static final String TCPNET = "tcpnet";

	private final Map<String, Measurement> measurements = new LinkedHashMap<>();

	final List<Goal> goals = new ArrayList<>();

	final List<String> notes = new ArrayList<>();

	final Map<String, String> settings = new LinkedHashMap<>();

	/**
	 * Per section: {@code {others, steal}}, percent of the machine's CPU (see
	 * {@link CpuAccount}).
	 */
	final Map<String, double[]> otherWork = new LinkedHashMap<>();

	/**
	 * The measurement of a system, created on first use.
	 * @param section the report's section
	 * @param name the figure's name
	 * @param system the system measured
	 * @param unit the unit
	 * @param higherIsBetter whether a higher figure is better
	 * @return the measurement
	 */
	Measurement of(String section, String name, String system, String unit, boolean higherIsBetter) {
		return this.measurements.computeIfAbsent(section + " | " + name + " | " + system,
				(key) -> new Measurement(section, name, system, unit, higherIsBetter));
	}

	/**
	 * As {@link #of}, for a secondary figure (JSON only).
	 * @param section the report's section
	 * @param name the figure's name
	 * @param system the system measured
	 * @param unit the unit
	 * @param higherIsBetter whether a higher figure is better
	 * @return the measurement
	 */
	Measurement detail(String section, String name, String system, String unit, boolean higherIsBetter) {
		Measurement measurement = of(section, name, system, unit, higherIsBetter);
		measurement.detail = true;
		return measurement;
	}

	List<Measurement> all() {
		return List.copyOf(this.measurements.values());
	}

	/**
	 * The measurements of one row (one section and name), tcpnet first.
	 * @return the rows, by section and name
	 */
	Map<String, List<Measurement>> rows() {
		Map<String, List<Measurement>> rows = new LinkedHashMap<>();
		for (Measurement measurement : this.measurements.values()) {
			rows.computeIfAbsent(measurement.key(), (key) -> new ArrayList<>()).add(measurement);
		}
		rows.values()
			.forEach((row) -> row.sort((a, b) -> Boolean.compare(!a.system.equals(TCPNET), !b.system.equals(TCPNET))));
		return rows;
	}

	Stats stats(String section, String name, String system) {
		Measurement measurement = this.measurements.get(section + " | " + name + " | " + system);
		return (measurement != null) ? measurement.stats() : Stats.of(List.of());
	}

	void note(String note) {
		this.notes.add(note);
	}

}
