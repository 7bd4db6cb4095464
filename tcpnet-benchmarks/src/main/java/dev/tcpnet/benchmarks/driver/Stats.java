package dev.tcpnet.benchmarks.driver;

import java.util.List;

/**
 * Median and spread of a few runs. Quartiles interpolate linearly between ranks.
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
