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

import java.util.Locale;

/**
 * Figures as people read them: {@code 1.23 M}, {@code 4.06 s}, {@code 31 ms}.
 */
final class Format {

	private Format() {
	}

	private static Scale scale(double reference, String unit) {
		return switch (unit) {
			case "msg/s" -> (reference >= 1e6) ? new Scale(1e6, "%.2f", " M") : new Scale(1e3, "%.0f", " k");
			case "MB/s" -> new Scale(1, (reference >= 100) ? "%.0f" : "%.1f", " MB/s");
			case "ms" -> (reference >= 1000) ? new Scale(1000, "%.2f", " s") : new Scale(1, "%.0f", " ms");
			case "µs" -> new Scale(1, (reference >= 100) ? "%.0f" : "%.1f", " µs");
			case "ns" -> (reference >= 10_000) ? new Scale(1000, (reference >= 100_000) ? "%.0f" : "%.1f", " µs")
					: new Scale(1, "%.0f", " ns");
			case "MB" -> new Scale(1, "%.1f", " MB");
			case "KiB" -> new Scale(1, "%.1f", " KiB");
			case "% of a core" -> new Scale(1, "%.2f", "% of a core");
			default -> new Scale(1, "%.0f", "");
		};
	}

	static String value(double value, String unit) {
		if (Double.isNaN(value)) {
			return "–";
		}
		Scale scale = scale(value, unit);
		return scale.number(value) + scale.suffix();
	}

	/**
	 * Median, and the range of the runs (in the median's scale) when there were several.
	 * @param stats the runs' figures
	 * @param unit the unit
	 * @return the table cell
	 */
	static String cell(Stats stats, String unit) {
		if (stats.isEmpty()) {
			return "–";
		}
		Scale scale = scale(stats.median(), unit);
		String median = scale.number(stats.median()) + scale.suffix();
		String min = scale.number(stats.min());
		String max = scale.number(stats.max());
		return (min.equals(max)) ? median : median + " (" + min + "–" + max + ")";
	}

	static String ratio(double ratio) {
		return (Double.isNaN(ratio) || Double.isInfinite(ratio)) ? "–" : f("%.2f×", ratio);
	}

	static String f(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

	/**
	 * How a figure of a unit is written: divided by, how many decimals, and the suffix.
	 */
	private record Scale(double divisor, String pattern, String suffix) {

		String number(double value) {
			return f(this.pattern, value / this.divisor);
		}

	}

}
