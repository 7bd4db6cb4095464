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

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The results as Markdown tables, one per section with a column for every system
 * (printed, and written to results.md, which docs/benchmarks.md shows), and as JSON.
 */
final class Report {

	private Report() {
	}

	static String markdown(Run run) {
		StringBuilder md = new StringBuilder();
		Results results = run.results();
		for (Map.Entry<String, List<List<Measurement>>> section : sections(results).entrySet()) {
			List<String> others = section.getValue()
				.stream()
				.flatMap(List::stream)
				.map((m) -> m.system)
				.filter((system) -> !system.equals(Results.TCPNET))
				.distinct()
				.toList();
			md.append("| **").append(section.getKey()).append("** | tcpnet |");
			others.forEach((other) -> md.append(' ').append(other).append(" | tcpnet ÷ ").append(other).append(" |"));
			md.append("\n| --- | ---: |").append(" ---: | ---: |".repeat(others.size())).append('\n');
			for (List<Measurement> row : section.getValue()) {
				md.append(row(results, row, others));
			}
			md.append('\n');
		}
		md.append("Medians of the runs, (min–max) over the runs where there were several; beside every rate the CPU"
				+ " time that the sending and the receiving process spent per message (the figure that survives"
				+ " a busy machine best). Every figure of every run is in results.json.\n");
		if (!results.goals.isEmpty()) {
			md.append("\n| goal | tcpnet | reference | ratio | met |\n| --- | ---: | ---: | ---: | :---: |\n");
			for (Goal goal : results.goals) {
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
		if (!results.otherWork.isEmpty()) {
			md.append("\nOther work on the machine during the run (share of its CPU not used by the suite): ");
			md.append(results.otherWork.entrySet()
				.stream()
				.map((e) -> e.getKey() + " " + Format.f("%.1f%%", e.getValue()[0])
						+ ((e.getValue()[1] >= 0.05) ? Format.f(" (steal %.1f%%)", e.getValue()[1]) : ""))
				.collect(Collectors.joining(", ")));
			md.append(".\n");
		}
		if (!results.notes.isEmpty()) {
			md.append("\nNotes:\n");
			results.notes.forEach((note) -> md.append("- ").append(note).append('\n'));
		}
		return md.toString();
	}

	/**
	 * The table's rows by section: every figure but the secondary ones, and but the CPU
	 * per message that stands beside a rate.
	 * @param results the run's results
	 * @return the rows of each section
	 */
	private static Map<String, List<List<Measurement>>> sections(Results results) {
		Map<String, List<List<Measurement>>> sections = new LinkedHashMap<>();
		Map<String, List<Measurement>> rows = results.rows();
		Set<String> besideRates = rows.values()
			.stream()
			.map((row) -> row.get(0))
			.filter(Report::isRate)
			.map((rate) -> rate.section + " | " + cpuName(rate.name))
			.collect(Collectors.toSet());
		for (List<Measurement> row : rows.values()) {
			Measurement first = row.get(0);
			if (!first.detail && !besideRates.contains(first.key())) {
				sections.computeIfAbsent(first.section, (section) -> new ArrayList<>()).add(row);
			}
		}
		return sections;
	}

	private static boolean isRate(Measurement measurement) {
		return measurement.unit.equals("msg/s") || measurement.unit.equals("MB/s");
	}

	/**
	 * The name of the CPU time per message that belongs to a rate:
	 * {@code 64 B messages/s,
	 * as PeerMessageEvents} → {@code 64 B CPU per message, as PeerMessageEvents}.
	 * @param rateName the rate's name
	 * @return the CPU figure's name
	 */
	static String cpuName(String rateName) {
		return rateName.replaceFirst(" (messages/s|MB/s)", " CPU per message");
	}

	/**
	 * The CPU time per message of a rate's system, if it was measured.
	 * @param results the run's results
	 * @param rate the rate
	 * @return the CPU time per message, or {@code null}
	 */
	static Stats cpu(Results results, Measurement rate) {
		if (!isRate(rate)) {
			return null;
		}
		Stats cpu = results.stats(rate.section, cpuName(rate.name), rate.system);
		return cpu.isEmpty() ? null : cpu;
	}

	private static String row(Results results, List<Measurement> row, List<String> others) {
		Measurement tcpnet = system(row, Results.TCPNET);
		StringBuilder line = new StringBuilder("| ").append(row.get(0).name)
			.append(" | ")
			.append(cell(results, tcpnet))
			.append(" |");
		for (String other : others) {
			Measurement baseline = system(row, other);
			String ratio = (tcpnet != null && baseline != null)
					? Format.ratio(tcpnet.stats().median() / baseline.stats().median()) : "";
			line.append(' ').append(cell(results, baseline)).append(" | ").append(ratio).append(" |");
		}
		return line.append('\n').toString();
	}

	private static Measurement system(List<Measurement> row, String system) {
		return row.stream().filter((m) -> m.system.equals(system)).findFirst().orElse(null);
	}

	private static String cell(Results results, Measurement measurement) {
		if (measurement == null) {
			return "";
		}
		String cell = Format.cell(measurement.stats(), measurement.unit) + failures(measurement);
		Stats cpu = cpu(results, measurement);
		return (cpu != null) ? cell + " · CPU " + Format.cell(cpu, "ns") : cell;
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
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		// Six significant digits, trailing zeros of the fraction only: 150000.3 is
		// 150000, not 15.
		BigDecimal rounded = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
		return (rounded.scale() <= 0 || Math.abs(value) >= 1e-4) ? rounded.toPlainString() : rounded.toString();
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
