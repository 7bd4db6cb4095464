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

/**
 * The order in which the contenders take turns.
 */
class BenchTests {

	@Test
	void runsRotateWhoGoesFirst() {
		List<String> systems = List.of("socket", "tcpnet", "jgroups");
		assertThat(Bench.order(1, systems)).containsExactly("socket", "tcpnet", "jgroups");
		assertThat(Bench.order(2, systems)).containsExactly("tcpnet", "jgroups", "socket");
		assertThat(Bench.order(3, systems)).containsExactly("jgroups", "socket", "tcpnet");
		assertThat(Bench.order(4, systems)).containsExactly("socket", "tcpnet", "jgroups");
	}

}
