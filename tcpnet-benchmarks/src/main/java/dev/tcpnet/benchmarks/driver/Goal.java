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

/**
 * A goal of the issue, checked on medians: {@code tcpnet / baseline} against a bound.
 *
 * @param text what is asked, in words
 * @param tcpnet tcpnet's median
 * @param reference the baseline's median, or the absolute bound
 * @param ratio tcpnet over baseline
 * @param met whether the goal is met ({@code null} when a figure is missing)
 */
record Goal(String text, double tcpnet, double reference, double ratio, Boolean met) {

	/** At least {@code fraction} of the baseline. */
	static Goal atLeast(String text, Stats tcpnet, Stats baseline, double fraction) {
		double ratio = tcpnet.median() / baseline.median();
		return new Goal(text, tcpnet.median(), baseline.median(), ratio, known(ratio) ? ratio >= fraction : null);
	}

	/** At most {@code factor} times the baseline. */
	static Goal atMost(String text, Stats tcpnet, Stats baseline, double factor) {
		double ratio = tcpnet.median() / baseline.median();
		return new Goal(text, tcpnet.median(), baseline.median(), ratio, known(ratio) ? ratio <= factor : null);
	}

	/** At most an absolute bound. */
	static Goal within(String text, Stats tcpnet, double bound) {
		double ratio = tcpnet.median() / bound;
		return new Goal(text, tcpnet.median(), bound, ratio, known(ratio) ? ratio <= 1 : null);
	}

	private static boolean known(double value) {
		return !Double.isNaN(value) && !Double.isInfinite(value);
	}

}
