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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link ScaleBench}'s heap slope.
 */
class ScaleBenchTests {

	@Test
	void slopeIsTheLeastSquaresLineThroughThePoints() {
		List<double[]> points = List.of(new double[] { 1, 10_000 }, new double[] { 3, 30_500 },
				new double[] { 7, 69_500 }, new double[] { 15, 150_000 });
		assertThat(ScaleBench.slope(points)).isCloseTo(9_950, within(100.0));
	}

	@Test
	void slopeNeedsTwoDistinctPeerCounts() {
		assertThat(ScaleBench.slope(List.of(new double[] { 1, 10 }))).isNaN();
		assertThat(ScaleBench.slope(List.of(new double[] { 1, 10 }, new double[] { 1, 20 }))).isNaN();
	}

}
