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
 * The results as an SVG bar chart, one panel per section: for every figure, tcpnet's
 * median beside every other system's, with a whisker from the fastest to the slowest run,
 * and beside a rate the CPU time per message. Bars are scaled per figure (the bars of a
 * figure compare; figures of different units do not).
 */
final class Chart {

	private static final int PANEL_WIDTH = 690;

	private static final int LABEL_WIDTH = 275;

	private static final int BAR_WIDTH = 220;

	private static final int BAR_HEIGHT = 13;

	private static final int TITLE_HEIGHT = 26;

	private static final int COLUMNS = 2;

	private static final String TCPNET_COLOR = "#2b6cb0";

	private static final List<String> BASELINE_COLORS = List.of("#dd6b20", "#718096", "#38a169", "#805ad5", "#d69e2e");

	private Chart() {
	}

	static String svg(Run run) {
		Map<String, List<List<Measurement>>> panels = panels(run.results());
		Map<String, String> colors = colors(run.results());
		List<String> rendered = new ArrayList<>();
		List<Integer> heights = new ArrayList<>();
		for (Map.Entry<String, List<List<Measurement>>> panel : panels.entrySet()) {
			StringBuilder body = new StringBuilder();
			heights.add(panel(body, panel.getKey(), panel.getValue(), colors, run.results()));
			rendered.add(body.toString());
		}
		int header = 70;
		int[] columnHeight = new int[COLUMNS];
		StringBuilder content = new StringBuilder();
		for (int i = 0; i < rendered.size(); i++) {
			int column = shortest(columnHeight);
			int x = 10 + column * (PANEL_WIDTH + 20);
			int y = header + columnHeight[column];
			content.append("<g transform=\"translate(")
				.append(x)
				.append(',')
				.append(y)
				.append(")\">\n")
				.append(rendered.get(i))
				.append("</g>\n");
			columnHeight[column] += heights.get(i) + 16;
		}
		int width = 20 + COLUMNS * (PANEL_WIDTH + 20);
		int height = header + java.util.Arrays.stream(columnHeight).max().orElse(0) + 10;
		StringBuilder svg = new StringBuilder();
		svg.append(Format.f(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
				width, height, width, height));
		svg.append(Format.f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height));
		svg.append("<text x=\"10\" y=\"22\" font-size=\"17\" font-weight=\"bold\">tcpnet benchmarks</text>\n");
		svg.append("<text x=\"10\" y=\"40\" fill=\"#4a5568\">").append(escape(subtitle(run))).append("</text>\n");
		legend(svg, colors, 10, 58);
		svg.append(content).append("</svg>\n");
		return svg.toString();
	}

	private static String subtitle(Run run) {
		Map<String, String> machine = run.machine();
		double[] other = run.results().otherWork.get("whole run");
		return run.date().substring(0, 10) + " · " + machine.get("cpu") + ", " + machine.get("cores") + " cores · "
				+ machine.get("jdk") + " · " + run.mode() + " run: medians, whiskers from the best to the worst run"
				+ ((other != null && !Double.isNaN(other[0])) ? Format.f(" · other work %.1f%%", other[0]) : "");
	}

	private static int shortest(int[] heights) {
		int best = 0;
		for (int i = 1; i < heights.length; i++) {
			if (heights[i] < heights[best]) {
				best = i;
			}
		}
		return best;
	}

	/**
	 * The figures worth a bar: every row but the secondary ones.
	 * @param results the run's results
	 * @return the rows of each panel, by title
	 */
	private static Map<String, List<List<Measurement>>> panels(Results results) {
		Map<String, List<List<Measurement>>> panels = new LinkedHashMap<>();
		for (List<Measurement> row : results.rows().values()) {
			Measurement first = row.get(0);
			if (first.detail || !first.charted || row.stream().allMatch((m) -> m.stats().isEmpty())) {
				continue;
			}
			String title = first.section + (first.higherIsBetter ? " (higher is better)" : " (lower is better)");
			panels.computeIfAbsent(title, (t) -> new ArrayList<>()).add(row);
		}
		return panels;
	}

	private static Map<String, String> colors(Results results) {
		Map<String, String> colors = new LinkedHashMap<>();
		colors.put(Results.TCPNET, TCPNET_COLOR);
		for (Measurement measurement : results.all()) {
			if (!colors.containsKey(measurement.system)) {
				colors.put(measurement.system, BASELINE_COLORS.get((colors.size() - 1) % BASELINE_COLORS.size()));
			}
		}
		return colors;
	}

	private static void legend(StringBuilder svg, Map<String, String> colors, int x, int y) {
		int at = x;
		for (Map.Entry<String, String> entry : colors.entrySet()) {
			svg.append(Format.f("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", at, y - 10,
					entry.getValue()));
			svg.append(Format.f("<text x=\"%d\" y=\"%d\">%s</text>\n", at + 16, y, escape(entry.getKey())));
			at += 30 + entry.getKey().length() * 7;
		}
	}

	/**
	 * Draws one panel at the origin; returns its height.
	 * @param svg where the panel is drawn
	 * @param title the panel's title
	 * @param rows the rows to draw
	 * @param colors each system's colour
	 * @param results the run's results (the CPU time per message beside a rate)
	 * @return the panel's height
	 */
	private static int panel(StringBuilder svg, String title, List<List<Measurement>> rows, Map<String, String> colors,
			Results results) {
		int y = TITLE_HEIGHT;
		StringBuilder bars = new StringBuilder();
		for (List<Measurement> row : rows) {
			double scale = row.stream()
				.mapToDouble((m) -> m.stats().max())
				.filter((v) -> !Double.isNaN(v))
				.max()
				.orElse(1);
			bars.append(Format.f("<text x=\"8\" y=\"%d\">%s</text>\n", y + BAR_HEIGHT - 2, escape(row.get(0).name)));
			for (Measurement measurement : row) {
				bar(bars, measurement, Report.cpu(results, measurement), y, scale, colors.get(measurement.system));
				y += BAR_HEIGHT + 3;
			}
			y += 7;
		}
		int height = y + 2;
		svg.append(Format.f("<rect width=\"%d\" height=\"%d\" fill=\"#f7fafc\" stroke=\"#e2e8f0\"/>\n", PANEL_WIDTH,
				height));
		svg.append(Format.f("<text x=\"8\" y=\"18\" font-weight=\"bold\">%s</text>\n", escape(title)));
		svg.append(bars);
		return height;
	}

	private static void bar(StringBuilder svg, Measurement measurement, Stats cpu, int y, double scale, String color) {
		Stats stats = measurement.stats();
		int x0 = LABEL_WIDTH;
		if (stats.isEmpty()) {
			svg.append(Format.f("<text x=\"%d\" y=\"%d\" fill=\"#a0aec0\">no figure</text>\n", x0 + 4,
					y + BAR_HEIGHT - 2));
			return;
		}
		double w = BAR_WIDTH * stats.median() / scale;
		svg.append(
				Format.f("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>\n",
						x0, y, Math.max(1, w), BAR_HEIGHT, color,
						escape(measurement.system + ": " + Format.cell(stats, measurement.unit))));
		if (stats.n() > 1) {
			double min = x0 + BAR_WIDTH * stats.min() / scale;
			double max = x0 + BAR_WIDTH * stats.max() / scale;
			int mid = y + BAR_HEIGHT / 2;
			svg.append(Format.f(
					"<path d=\"M%.1f %dH%.1fM%.1f %dV%dM%.1f %dV%d\" stroke=\"#1a202c\" stroke-width=\"1\"/>\n", min,
					mid, max, min, mid - 4, mid + 4, max, mid - 4, mid + 4));
		}
		svg.append(Format.f("<text x=\"%d\" y=\"%d\" fill=\"#2d3748\">%s</text>\n", x0 + BAR_WIDTH + 8,
				y + BAR_HEIGHT - 2, escape(Format.value(stats.median(), measurement.unit)
						+ ((cpu != null) ? " · " + Format.value(cpu.median(), "ns") + " CPU/msg" : ""))));
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
