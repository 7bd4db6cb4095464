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

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's outputs from a made-up run: the table, valid JSON, a well-formed SVG.
 */
class ReportTests {

	private final Run run = run();

	@Test
	void tableShowsMediansRangesAndRatios() {
		String table = Report.markdown(this.run);
		assertThat(table).contains("| **throughput** vs plain socket | | | |")
			.contains("| 64 B messages/s | 400 k (300–500) | 10.00 M | 0.04× |")
			.contains("| cold start, 3 nodes, from last launch | 4.00 s [1 of 2 runs failed] | 8.00 s | 0.50× |\n"
					+ "| … Boot alone | | 2.00 s | 2.00× |\n")
			.contains(
					"| throughput 64 B: at least 50% of the plain socket's messages/s | 400,000 | 10,000,000 | 0.04× | **no** |")
			.doesNotContain("resident");
	}

	@Test
	void jsonHoldsEveryFigure() {
		String json = Report.json(this.run);
		assertThat((List<Object>) JsonPath.read(json, "$.measurements[*]")).hasSize(6);
		assertThat(((Number) JsonPath.read(json, "$.measurements[0].median")).doubleValue()).isEqualTo(400000.0);
		assertThat((List<Object>) JsonPath.read(json, "$.measurements[3].values")).containsExactly(4000, null);
		assertThat((Boolean) JsonPath.read(json, "$.goals[0].met")).isFalse();
		assertThat((String) JsonPath.read(json, "$.machine.cpu")).isEqualTo("Some \"CPU\"");
	}

	@Test
	void chartIsWellFormedSvg() throws Exception {
		String svg = Chart.svg(this.run);
		DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		assertThat(svg).contains("64 B messages/s").contains("400 k").doesNotContain("resident");
	}

	private static Run run() {
		Results results = new Results();
		results.of("throughput", "64 B messages/s", Results.TCPNET, "msg/s", true).values
			.addAll(List.of(300e3, 400e3, 500e3));
		results.of("throughput", "64 B messages/s", "plain socket", "msg/s", true).values.addAll(List.of(10e6));
		results.detail("cost", "resident memory, 0 peers", Results.TCPNET, "MB", false).add(150);
		results.of("formation", "cold start, 3 nodes, from last launch", Results.TCPNET, "ms", false).values
			.addAll(List.of(4000.0, Double.NaN));
		results.of("formation", "cold start, 3 nodes, from last launch", "Hazelcast", "ms", false).add(8000);
		results.of("formation", "cold start, 3 nodes, from last launch", "Boot alone", "ms", false).add(2000);
		Goals.evaluate(results, "Hazelcast");
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("cpu", "Some \"CPU\"");
		machine.put("cores", "2");
		machine.put("jdk", "17");
		return new Run("java -jar x.jar", "quick", "2026-01-01T00:00:00Z", 60, machine, Map.of("tcpnet", "0.1"),
				results);
	}

}
