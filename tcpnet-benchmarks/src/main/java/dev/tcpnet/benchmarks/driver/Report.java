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

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The results as a Markdown table (printed, and written for the README) and as JSON.
 */
final class Report {

	private Report() {
	}

	static String markdown(Run run) {
		StringBuilder md = new StringBuilder();
		md.append("| measurement | tcpnet | baseline | tcpnet ÷ baseline |\n");
		md.append("| --- | ---: | ---: | ---: |\n");
		String section = null;
		for (List<Measurement> row : run.results().rows().values()) {
			Measurement first = row.get(0);
			if (first.detail) {
				continue;
			}
			if (!first.section.equals(section)) {
				section = first.section;
				String baselines = row.stream()
					.filter((m) -> !m.system.equals(Results.TCPNET))
					.map((m) -> m.system)
					.distinct()
					.collect(Collectors.joining(", "));
				md.append("| **")
					.append(section)
					.append("**")
					.append(baselines.isEmpty() ? "" : " vs " + baselines)
					.append(" | | | |\n");
			}
			md.append(row(first.name, row));
		}
		md.append("\nMedians of the runs, (min–max) over the runs where there were several;"
				+ " every figure is in results.json.\n");
		if (!run.results().goals.isEmpty()) {
			md.append("\n| goal | tcpnet | reference | ratio | met |\n| --- | ---: | ---: | ---: | :---: |\n");
			for (Goal goal : run.results().goals) {
				md.append("| ")
					.append(goal.text())
					.append(" | ")
					.append(plain(goal.tcpnet()))
					.append(" | ")
					.append(plain(goal.reference()))
					.append(" | ")
					.append(Format.ratio(goal.ratio()))
					.append(" | ")
					.append((goal.met() == null) ? "?" : goal.met() ? "yes" : "**no**")
					.append(" |\n");
			}
		}
		if (!run.results().otherWork.isEmpty()) {
			md.append("\nOther work on the machine during the run (share of its CPU not used by the suite): ");
			md.append(run.results().otherWork.entrySet()
				.stream()
				.map((e) -> e.getKey() + " " + Format.f("%.0f%%", e.getValue()[0]))
				.collect(Collectors.joining(", ")));
			md.append(".\n");
		}
		if (!run.results().notes.isEmpty()) {
			md.append("\nNotes:\n");
			run.results().notes.forEach((note) -> md.append("- ").append(note).append('\n'));
		}
		return md.toString();
	}

	private static String row(String name, List<Measurement> row) {
		Measurement tcpnet = row.stream().filter((m) -> m.system.equals(Results.TCPNET)).findFirst().orElse(null);
		Measurement baseline = row.stream().filter((m) -> !m.system.equals(Results.TCPNET)).findFirst().orElse(null);
		String unit = row.get(0).unit;
		String tcpnetCell = (tcpnet != null) ? Format.cell(tcpnet.stats(), unit) + failures(tcpnet) : "";
		String baselineCell = (baseline != null) ? Format.cell(baseline.stats(), unit) + failures(baseline) : "";
		String ratio = (tcpnet != null && baseline != null)
				? Format.ratio(tcpnet.stats().median() / baseline.stats().median()) : "";
		StringBuilder lines = new StringBuilder(
				"| " + name + " | " + tcpnetCell + " | " + baselineCell + " | " + ratio + " |\n");
		// A second baseline of the same figure gets a line of its own, under the first.
		row.stream()
			.filter((m) -> !m.system.equals(Results.TCPNET) && m != baseline)
			.forEach((other) -> lines.append("| … ")
				.append(other.system)
				.append(" | | ")
				.append(Format.cell(other.stats(), unit))
				.append(failures(other))
				.append(" | ")
				.append((tcpnet != null) ? Format.ratio(tcpnet.stats().median() / other.stats().median()) : "")
				.append(" |\n"));
		return lines.toString();
	}

	private static String failures(Measurement measurement) {
		long failures = measurement.failures();
		return (failures == 0) ? "" : " [" + failures + " of " + measurement.values.size() + " runs failed]";
	}

	private static String plain(double value) {
		return (Math.abs(value) >= 100) ? Format.f("%,.0f", value) : Format.f("%.2f", value);
	}

	static String json(Run run) {
		StringBuilder json = new StringBuilder("{\n");
		field(json, 1, "suite", "tcpnet-benchmarks").append(",\n");
		field(json, 1, "command", run.command()).append(",\n");
		field(json, 1, "mode", run.mode()).append(",\n");
		field(json, 1, "date", run.date()).append(",\n");
		indent(json, 1).append("\"durationSeconds\": ").append(run.seconds()).append(",\n");
		map(json, 1, "machine", run.machine()).append(",\n");
		map(json, 1, "versions", run.versions()).append(",\n");
		map(json, 1, "settings", run.results().settings).append(",\n");
		indent(json, 1).append("\"otherWorkPercent\": {");
		json.append(run.results().otherWork.entrySet()
			.stream()
			.map((e) -> string(e.getKey()) + ": {\"others\": " + number(Math.round(e.getValue()[0] * 10) / 10.0)
					+ ", \"steal\": " + number(Math.round(e.getValue()[1] * 10) / 10.0) + "}")
			.collect(Collectors.joining(", ")));
		json.append("},\n");
		indent(json, 1).append("\"measurements\": [\n");
		List<Measurement> all = run.results().all();
		for (int i = 0; i < all.size(); i++) {
			measurement(json, all.get(i)).append((i < all.size() - 1) ? ",\n" : "\n");
		}
		indent(json, 1).append("],\n");
		indent(json, 1).append("\"goals\": [\n");
		List<Goal> goals = run.results().goals;
		for (int i = 0; i < goals.size(); i++) {
			Goal goal = goals.get(i);
			indent(json, 2).append("{\"goal\": ")
				.append(string(goal.text()))
				.append(", \"tcpnet\": ")
				.append(number(goal.tcpnet()))
				.append(", \"reference\": ")
				.append(number(goal.reference()))
				.append(", \"ratio\": ")
				.append(number(goal.ratio()))
				.append(", \"met\": ")
				.append((goal.met() == null) ? "null" : goal.met().toString())
				.append('}')
				.append((i < goals.size() - 1) ? ",\n" : "\n");
		}
		indent(json, 1).append("],\n");
		indent(json, 1).append("\"notes\": [")
			.append(run.results().notes.stream().map(Report::string).collect(Collectors.joining(", ")))
			.append("]\n}\n");
		return json.toString();
	}

	private static StringBuilder measurement(StringBuilder json, Measurement m) {
		Stats stats = m.stats();
		indent(json, 2).append("{\"section\": ")
			.append(string(m.section))
			.append(", \"name\": ")
			.append(string(m.name))
			.append(", \"system\": ")
			.append(string(m.system))
			.append(", \"unit\": ")
			.append(string(m.unit))
			.append(", \"higherIsBetter\": ")
			.append(m.higherIsBetter)
			.append(", \"detail\": ")
			.append(m.detail)
			.append(", \"median\": ")
			.append(number(stats.median()))
			.append(", \"min\": ")
			.append(number(stats.min()))
			.append(", \"max\": ")
			.append(number(stats.max()))
			.append(", \"q1\": ")
			.append(number(stats.q1()))
			.append(", \"q3\": ")
			.append(number(stats.q3()))
			.append(", \"failures\": ")
			.append(m.failures())
			.append(", \"values\": [")
			.append(m.values.stream().map(Report::number).collect(Collectors.joining(", ")))
			.append("]}");
		return json;
	}

	private static StringBuilder map(StringBuilder json, int depth, String name, Map<String, String> values) {
		indent(json, depth).append(string(name)).append(": {");
		json.append(values.entrySet()
			.stream()
			.map((e) -> string(e.getKey()) + ": " + string(e.getValue()))
			.collect(Collectors.joining(", ")));
		return json.append('}');
	}

	private static StringBuilder field(StringBuilder json, int depth, String name, String value) {
		return indent(json, depth).append(string(name)).append(": ").append(string(value));
	}

	private static StringBuilder indent(StringBuilder json, int depth) {
		return json.append("  ".repeat(depth));
	}

	static String number(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "null";
		}
		return (value == Math.rint(value) && Math.abs(value) < 1e15) ? Long.toString((long) value)
				: Format.f("%.6g", value).replaceAll("\\.?0+(e|$)", "$1");
	}

	static String string(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(Format.f("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
