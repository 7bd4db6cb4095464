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

class StatsTests {

	@Test
	void medianOfAnOddNumberOfRunsIsTheMiddleOne() {
		Stats stats = Stats.of(List.of(5.0, 1.0, 3.0));
		assertThat(stats.median()).isEqualTo(3.0);
		assertThat(stats.min()).isEqualTo(1.0);
		assertThat(stats.max()).isEqualTo(5.0);
	}

	@Test
	void medianOfAnEvenNumberOfRunsIsBetweenTheMiddleTwo() {
		assertThat(Stats.of(List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
	}

	@Test
	void quartilesInterpolateBetweenRanks() {
		Stats stats = Stats.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0));
		assertThat(stats.q1()).isEqualTo(2.0);
		assertThat(stats.q3()).isEqualTo(4.0);
	}

	@Test
	void failedRunsAreNotFigures() {
		Stats stats = Stats.of(List.of(Double.NaN, 7.0));
		assertThat(stats.n()).isEqualTo(1);
		assertThat(stats.median()).isEqualTo(7.0);
		assertThat(Stats.of(List.of(Double.NaN)).isEmpty()).isTrue();
	}

}
