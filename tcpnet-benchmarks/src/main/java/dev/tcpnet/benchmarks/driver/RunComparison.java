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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether full runs of the suite agree: reads the {@code results.json} of each and
 * prints, for every figure of the tables that every run has, each run's median and range,
 * and whether they agree, that is whether every run's median lies within every other
 * run's range (min–max over its runs); then each goal's ratio and verdict per run.
 * {@code java -jar tcpnet-benchmarks.jar compare A/results.json B/results.json …}. It
 * measures nothing and sets no bound of its own: it shows where runs differ by more than
 * their own spread.
 *
 * @since 0.1.0
 */
public final class RunComparison {

	private RunComparison() {
	}

	public static void main(String[] args) {
		if (args.length < 2) {
			System.err.println("usage: java -jar tcpnet-benchmarks.jar compare RESULTS.json RESULTS.json [...]");
			System.exit(2);
		}
		List<Run> runs = new ArrayList<>();
		for (String file : args) {
			try {
				runs.add(Run.read(Path.of(file)));
			}
			catch (IllegalArgumentException ex) {
				System.err.println("compare: cannot read " + file + ": " + ex.getMessage());
				System.exit(2);
			}
		}
		System.out.print(report(runs));
	}

	static String report(List<Run> runs) {
		StringBuilder out = new StringBuilder();
		out.append("| run | date | machine | other work |\n| --- | --- | --- | --- |\n");
		for (int i = 0; i < runs.size(); i++) {
			Run run = runs.get(i);
			out.append(Format.f("| %d | %s | %s | %s %% |%n", i + 1, run.date(), run.machine(), run.otherWork()));
		}
		out.append('\n').append(figures(runs)).append('\n').append(goals(runs));
		return out.toString();
	}

	private static String figures(List<Run> runs) {
		StringBuilder out = new StringBuilder(runColumns("| figure | system |", runs.size()));
		out.append(" medians differ by | agree |\n| --- | --- |")
			.append(" ---: |".repeat(runs.size()))
			.append(" ---: | --- |\n");
		Tally tally = new Tally();
		for (Map.Entry<String, Figure> entry : runs.get(0).figures().entrySet()) {
			List<Figure> same = runs.stream().map((run) -> run.figures().get(entry.getKey())).toList();
			if (same.contains(null)) {
				continue;
			}
			Figure first = entry.getValue();
			List<Stats> stats = same.stream().map(Figure::stats).toList();
			out.append("| ").append(first.section()).append(": ").append(first.name()).append(" | ");
			out.append(first.system()).append(" |");
			same.forEach((figure) -> out.append(' ').append(Format.cell(figure.stats(), figure.unit())).append(" |"));
			out.append(' ').append(Format.f("%.0f %%", 100 * spread(stats))).append(" | ");
			out.append(tally.count(stats)).append(" |\n");
		}
		out.append(Format.f("%n%d figures were measured over several runs in every run: %d agree (every run's median"
				+ " lies within every other run's range), %d more overlap (every two ranges share a value), %d do"
				+ " neither. %d figures were measured once in a run and have no range to compare.%n", tally.ranged,
				tally.agreeing, tally.overlapping, tally.ranged - tally.agreeing - tally.overlapping, tally.once));
		return out.toString();
	}

	private static String runColumns(String first, int runs) {
		StringBuilder header = new StringBuilder(first);
		for (int i = 1; i <= runs; i++) {
			header.append(" run ").append(i).append(" |");
		}
		return header.toString();
	}

	/**
	 * Whether every run's median lies within every other run's range.
	 * @param runs one figure's statistics, one per run
	 * @return whether they agree
	 */
	static boolean agree(List<Stats> runs) {
		for (Stats median : runs) {
			for (Stats range : runs) {
				if (median.median() < range.min() || median.median() > range.max()) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Whether every two runs' ranges share a value.
	 * @param runs one figure's statistics, one per run
	 * @return whether they overlap
	 */
	static boolean overlap(List<Stats> runs) {
		for (Stats a : runs) {
			for (Stats b : runs) {
				if (a.max() < b.min() || b.max() < a.min()) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * How far apart the runs' medians are: the largest over the smallest, less one.
	 * @param runs one figure's statistics, one per run
	 * @return the spread, 0.1 for 10 %
	 */
	static double spread(List<Stats> runs) {
		double min = runs.stream().mapToDouble(Stats::median).min().orElse(Double.NaN);
		double max = runs.stream().mapToDouble(Stats::median).max().orElse(Double.NaN);
		return (min > 0) ? max / min - 1 : Double.NaN;
	}

	private static String goals(List<Run> runs) {
		StringBuilder out = new StringBuilder(runColumns("| goal |", runs.size()));
		out.append("\n| --- |").append(" --- |".repeat(runs.size())).append('\n');
		// Every goal of any run, in the order the runs name them: a goal's line may name
		// another path in another run
		Set<String> names = new LinkedHashSet<>();
		runs.forEach((run) -> names.addAll(run.goals().keySet()));
		for (String goal : names) {
			out.append("| ").append(goal).append(" |");
			runs.forEach((run) -> out.append(' ').append(run.goals().getOrDefault(goal, "–")).append(" |"));
			out.append('\n');
		}
		return out.toString();
	}

	/**
	 * One figure of one system, as a run's JSON has it.
	 *
	 * @param section the section
	 * @param name the figure's name
	 * @param system the system measured
	 * @param unit the unit
	 * @param stats its runs' statistics
	 */
	record Figure(String section, String name, String system, String unit, Stats stats) {

	}

	/**
	 * What the comparison reads of one full run.
	 *
	 * @param date when the run started
	 * @param machine the CPU, cores and clock
	 * @param otherWork the other work on the machine over the whole run, in percent
	 * @param figures the table's figures (not the details), by section, name and system
	 * @param goals per goal, its ratio and whether it was met
	 */
	record Run(String date, String machine, String otherWork, Map<String, Figure> figures, Map<String, String> goals) {

		/**
		 * Reads a run's {@code results.json}.
		 * @param file the file
		 * @return the run
		 * @throws IllegalArgumentException if it cannot be read or is no run's results
		 */
		static Run read(Path file) {
			JsonNode json;
			try {
				json = JsonMapper.shared().readTree(file.toFile());
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException(ex.getOriginalMessage(), ex);
			}
			if (!json.path("measurements").isArray()) {
				throw new IllegalArgumentException("no \"measurements\": not the results.json of a run of the suite");
			}
			Map<String, Figure> figures = new LinkedHashMap<>();
			for (JsonNode measurement : json.path("measurements")) {
				if (measurement.path("detail").asBoolean(false)) {
					continue;
				}
				List<Double> values = new ArrayList<>();
				// A failed run is written as null (NaN has no JSON form)
				measurement.path("values")
					.forEach((value) -> values.add(value.isNumber() ? value.asDouble() : Double.NaN));
				Figure figure = new Figure(measurement.path("section").asString(), measurement.path("name").asString(),
						measurement.path("system").asString(), measurement.path("unit").asString(), Stats.of(values));
				figures.put(figure.section() + " | " + figure.name() + " | " + figure.system(), figure);
			}
			Map<String, String> goals = new LinkedHashMap<>();
			for (JsonNode goal : json.path("goals")) {
				JsonNode met = goal.path("met");
				String verdict = met.isBoolean() ? (met.asBoolean() ? "yes" : "**no**") : "–";
				goals.put(goal.path("goal").asString(),
						Format.ratio(goal.path("ratio").asDouble(Double.NaN)) + " " + verdict);
			}
			JsonNode machine = json.path("machine");
			String described = machine.path("cpu").asString("?") + ", " + machine.path("cores").asString("?")
					+ " cores, " + mhz(machine.path("cpu MHz").asString(""));
			JsonNode whole = json.path("otherWorkPercent").path("whole run").path("others");
			return new Run(json.path("date").asString("?"), described,
					whole.isNumber() ? Format.f("%.1f", whole.asDouble()) : "?", figures, goals);
		}

		private static String mhz(String mhz) {
			try {
				return Format.f("%.1f GHz", Double.parseDouble(mhz) / 1000);
			}
			catch (NumberFormatException ex) {
				return "clock not exposed";
			}
		}

	}

	/**
	 * The verdicts so far. A figure of a single run in some run (the scale section's) has
	 * no range to compare.
	 */
	private static final class Tally {

		private int ranged;

		private int agreeing;

		private int overlapping;

		private int once;

		String count(List<Stats> runs) {
			if (runs.stream().anyMatch((stats) -> stats.n() < 2)) {
				this.once++;
				return "one run";
			}
			this.ranged++;
			if (agree(runs)) {
				this.agreeing++;
				return "yes";
			}
			if (overlap(runs)) {
				this.overlapping++;
				return "ranges overlap";
			}
			return "**no**";
		}

	}

}
