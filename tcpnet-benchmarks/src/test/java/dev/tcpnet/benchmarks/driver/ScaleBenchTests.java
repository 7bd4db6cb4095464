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
 * Tests for {@link ScaleBench}'s heap slope and connection count.
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

	@Test
	void theAcceptingEndOfAUnixConnectionToANodeCountsAndNothingElseDoes() {
		// Lines of `ss -Hxn state established` in a namespace of 32 nodes
		assertThat(
				ScaleBench.isTcpnetSocketFile("u_str 0      0      /tmp/tcpnet/45089-4026532173.sock 602636 * 602003"))
			.isTrue();
		assertThat(ScaleBench.isTcpnetSocketFile("u_str 0      0           * 601712 * 603057")).isFalse();
		assertThat(ScaleBench.isTcpnetSocketFile("u_str 0      0      /run/other/app.sock 11 * 12")).isFalse();
		assertThat(ScaleBench.isTcpnetSocketFile("u_str 0      0      /tmp/tcpnet/notes.txt 11 * 12")).isFalse();
		assertThat(ScaleBench.isTcpnetSocketFile("")).isFalse();
	}

}
