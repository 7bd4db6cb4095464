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

import java.util.Map;

/**
 * One run of the suite: how it was run, where, and what it measured.
 *
 * @param command the command line
 * @param mode {@code full} or {@code quick}
 * @param date when it started (ISO-8601)
 * @param seconds how long it took
 * @param machine the machine
 * @param versions tcpnet, Hazelcast, Spring Boot
 * @param results the figures
 */
record Run(String command, String mode, String date, long seconds, Map<String, String> machine,
		Map<String, String> versions, Results results) {

	int runs(String section) {
		return this.results.all()
			.stream()
			.filter((m) -> m.section.equals(section))
			.mapToInt((m) -> m.values.size())
			.max()
			.orElse(0);
	}

}
