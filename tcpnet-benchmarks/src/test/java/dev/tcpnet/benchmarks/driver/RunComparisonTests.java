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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The comparison of full runs: which figures agree within their ranges, and the goals'
 * verdicts side by side.
 */
class RunComparisonTests {

	@Test
	void runsAgreeWhenEveryMedianLiesWithinEveryOtherRange() {
		Stats a = Stats.of(List.of(9.0, 10.0, 12.0));
		Stats b = Stats.of(List.of(10.0, 11.0, 13.0));
		assertThat(RunComparison.agree(List.of(a, b))).isTrue();
	}

	@Test
	void runsDifferWhenOneMedianLiesOutsideAnotherRange() {
		Stats a = Stats.of(List.of(9.0, 10.0, 10.5));
		Stats b = Stats.of(List.of(10.0, 11.0, 13.0));
		assertThat(RunComparison.agree(List.of(a, b))).isFalse();
	}

	@Test
	void rangesThatShareAValueOverlap() {
		Stats a = Stats.of(List.of(9.0, 10.0, 10.5));
		Stats b = Stats.of(List.of(10.0, 11.0, 13.0));
		Stats c = Stats.of(List.of(11.0, 12.0, 13.0));
		assertThat(RunComparison.overlap(List.of(a, b))).isTrue();
		assertThat(RunComparison.overlap(List.of(a, b, c))).isFalse();
		assertThat(RunComparison.spread(List.of(a, c))).isCloseTo(0.2, within(1e-9));
	}

	@Test
	void theReportComparesTheFiguresEveryRunHasAndTheGoals(@TempDir Path directory) throws Exception {
		Path first = write(directory.resolve("first.json"), "2026-12-04T22:40:00Z", "[6000000, 6100000, 6200000]",
				"[47.0, 48.0, 49.0]", true, "{\"section\": \"scale\", \"name\": "
						+ "\"32 nodes\", \"system\": \"tcpnet\", \"unit\": \"ms\", \"detail\": false, \"values\": [8000]},");
		Path second = write(directory.resolve("second.json"), "2026-12-05T01:04:00Z", "[5900000, 6050000, 6300000]",
				"[55.0, 56.0, null]", false, "");
		List<RunComparison.Run> runs = List.of(RunComparison.Run.read(first), RunComparison.Run.read(second));
		String report = RunComparison.report(runs);
		assertThat(report).contains("| 1 | 2026-12-04T22:40:00Z | AMD EPYC, 2 cores, 2.6 GHz | 0.1 % |")
			.contains("| throughput: 64 B | tcpnet | 6.10 M (6.00–6.20) | 6.05 M (5.90–6.30) | 1 % | yes |")
			.contains(
					"| latency: 64 B round trip p50 | plain socket | 48.0 µs (47.0–49.0) | 55.5 µs (55.0–56.0) | 16 % |"
							+ " **no** |")
			.contains("| latency: 64 B round trip p99 | plain socket | 70.0 µs | 71.0 µs | 1 % | one run |")
			.contains("2 figures were measured over several runs in every run: 1 agree")
			.contains("0 more overlap")
			.contains("1 figures were measured once")
			.contains("| throughput 64 B: at least 0.25× the plain socket's | 0.27× yes | 0.24× **no** |")
			.contains("| a goal of the first run only | 0.50× yes | – |")
			.doesNotContain("32 nodes")
			.doesNotContain("a detail");
	}

	@Test
	void aFileThatIsNoRunsResultsIsRefusedNamingWhy(@TempDir Path directory) throws Exception {
		Path truncated = Files.writeString(directory.resolve("truncated.json"), "{");
		Path other = Files.writeString(directory.resolve("other.json"), "{\"name\": \"x\"}");
		assertThatIllegalArgumentException().isThrownBy(() -> RunComparison.Run.read(truncated))
			.withMessageContaining("end-of-input");
		assertThatIllegalArgumentException().isThrownBy(() -> RunComparison.Run.read(other))
			.withMessageContaining("not the results.json of a run of the suite");
		assertThatIllegalArgumentException().isThrownBy(() -> RunComparison.Run.read(directory.resolve("missing.json")))
			.withMessageContaining("missing.json");
	}

	private static Path write(Path file, String date, String tcpnet, String socket, boolean met, String extra)
			throws Exception {
		String json = """
				{
				  "suite": "tcpnet-benchmarks",
				  "date": "%s",
				  "machine": {"cpu": "AMD EPYC", "cores": "2", "cpu MHz": "2596.138"},
				  "otherWorkPercent": {"whole run": {"others": 0.1, "steal": 0}},
				  "measurements": [
				    %s
				    {"section": "throughput", "name": "64 B", "system": "tcpnet", "unit": "msg/s", "detail": false, "values": %s},
				    {"section": "latency", "name": "64 B round trip p50", "system": "plain socket", "unit": "µs", "detail": false, "values": %s},
				    {"section": "latency", "name": "64 B round trip p99", "system": "plain socket", "unit": "µs", "detail": false, "values": [%s]},
				    {"section": "latency", "name": "a detail", "system": "tcpnet", "unit": "µs", "detail": true, "values": [1]}
				  ],
				  "goals": [
				    %s
				    {"goal": "throughput 64 B: at least 0.25× the plain socket's", "tcpnet": 1, "reference": 4, "ratio": %s, "met": %s}
				  ]
				}
				"""
			.formatted(date, extra, tcpnet, socket, met ? "70" : "71",
					met ? "{\"goal\": \"a goal of the first run only\", \"ratio\": 0.5, \"met\": true}," : "",
					met ? "0.27" : "0.24", met);
		Files.writeString(file, json);
		return file;
	}

}
