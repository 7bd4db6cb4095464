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

/**
 * Median and spread of a few runs. Quartiles interpolate linearly between ranks.
 *
 * @param n the number of runs
 * @param median the median
 * @param min the smallest figure
 * @param max the largest figure
 * @param q1 the first quartile
 * @param q3 the third quartile
 */
record Stats(int n, double median, double min, double max, double q1, double q3) {

	static Stats of(List<Double> values) {
		double[] sorted = values.stream().filter((v) -> !v.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray();
		if (sorted.length == 0) {
			return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		}
		return new Stats(sorted.length, quantile(sorted, 0.5), sorted[0], sorted[sorted.length - 1],
				quantile(sorted, 0.25), quantile(sorted, 0.75));
	}

	static double quantile(double[] sorted, double q) {
		double rank = q * (sorted.length - 1);
		int below = (int) Math.floor(rank);
		int above = (int) Math.ceil(rank);
		return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
	}

	boolean isEmpty() {
		return this.n == 0;
	}

}
