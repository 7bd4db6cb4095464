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
	void tableHasAColumnForEverySystemAndCpuBesideEveryRate() {
		String table = Report.markdown(this.run);
		assertThat(table)
			.contains(
					"| **throughput** | tcpnet | plain socket | tcpnet ÷ plain socket | JGroups | tcpnet ÷ JGroups |\n"
							+ "| --- | ---: | ---: | ---: | ---: | ---: |\n")
			.contains("| 64 B messages/s | 400 k (300–500) · CPU 500 ns (450–550) | 10.00 M · CPU 80 ns | 0.04×"
					+ " | 200 k · CPU 900 ns | 2.00× |")
			.contains("| **formation** | tcpnet | Hazelcast | tcpnet ÷ Hazelcast | " + FormationBench.BOOT_ALONE
					+ " | tcpnet ÷ " + FormationBench.BOOT_ALONE + " |")
			.contains("| cold start, 3 nodes, from last launch | 4.00 s [1 of 2 runs failed] | 8.00 s | 0.50× | 2.00 s"
					+ " | 2.00× |")
			.contains(
					"| throughput 64 B (send): at least 0.25× the plain socket's messages/s | 400,000 | 10,000,000 | 0.04× |"
							+ " **no** |")
			.contains("| throughput 64 B (send): at least 2.0× JGroups' messages/s | 400,000 | 200,000 | 2.00× | yes |")
			.contains("| cold start, 3 nodes: at most half of Hazelcast's time | 4,000 | 8,000 | 0.50× | yes |")
			.contains("| cold start, 3 nodes, above the same apps without clustering: at most half of Hazelcast's time"
					+ " above them (ms) | 2,000 | 6,000 | 0.33× | yes |")
			.contains("| latency: round trip p50 at most 1.25× the plain socket's | 60.00 | 40.00 | 1.50× | **no** |")
			.contains("| latency: round trip p99 at most 2× tcpnet's own p50 | 150 | 60.00 | 2.50× | **no** |")
			.contains("| latency with tcpnet.server.busy-poll=50us: round trip p50 at most 1.25× the plain socket's"
					+ " | 20.00 | 40.00 | 0.50× | yes |")
			.contains("| latency with tcpnet.server.busy-poll=50us: round trip p99 at most 2× its own p50 | 100 | 20.00"
					+ " | 5.00× | **no** |")
			.contains("| start-up: a minimal web app with the starter at most 1.10× its time without it | 2,300 | 2,000"
					+ " | 1.15× | **no** |")
			.contains("whole run 3.2%")
			.doesNotContain("| 64 B CPU per message")
			.doesNotContain("resident");
	}

	@Test
	void numbersKeepTheirZeros() {
		assertThat(Report.number(150000.3)).isEqualTo("150000");
		assertThat(Report.number(1200.5)).isEqualTo("1200.5");
		assertThat(Report.number(10.25)).isEqualTo("10.25");
		assertThat(Report.number(0.5)).isEqualTo("0.5");
		assertThat(Report.number(2_500_000.4)).isEqualTo("2500000");
		assertThat(Report.number(4000)).isEqualTo("4000");
		assertThat(Report.number(1.23456789e-7)).isEqualTo("1.23457E-7");
		assertThat(Report.number(Double.NaN)).isEqualTo("null");
	}

	@Test
	void cpuBelongsToItsRate() {
		assertThat(Report.cpuName("64 B messages/s, as PeerMessageEvents"))
			.isEqualTo("64 B CPU per message, as PeerMessageEvents");
		assertThat(Report.cpuName("64 KiB MB/s")).isEqualTo("64 KiB CPU per message");
	}

	@Test
	void jsonHoldsEveryFigure() {
		String json = Report.json(this.run);
		assertThat((List<Object>) JsonPath.read(json, "$.measurements[*]")).hasSize(17);
		assertThat(((Number) JsonPath.read(json, "$.measurements[0].median")).doubleValue()).isEqualTo(400000.0);
		assertThat((List<Object>) JsonPath.read(json, "$.measurements[7].values")).containsExactly(4000, null);
		assertThat(((Number) JsonPath.read(json, "$.otherWorkPercent['whole run'].others")).doubleValue())
			.isEqualTo(3.2);
		assertThat((Boolean) JsonPath.read(json, "$.goals[0].met")).isFalse();
		assertThat((String) JsonPath.read(json, "$.machine.cpu")).isEqualTo("Some \"CPU\"");
	}

	@Test
	void chartIsWellFormedSvg() throws Exception {
		String svg = Chart.svg(this.run);
		DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		assertThat(svg).contains("64 B messages/s")
			.contains("400 k · 500 ns CPU/msg")
			.contains("JGroups")
			.doesNotContain("resident");
	}

	@Test
	void goalsTakeTheFasterPublicPath() {
		Results results = run().results();
		results.goals.clear();
		results
			.of("throughput", "64 B messages/s, " + ThroughputLatencyBench.STREAM_ROWS, Results.TCPNET, "msg/s", true)
			.add(3e6);
		Goals.evaluate(results, "Hazelcast");
		assertThat(Report.markdown(new Run("java -jar x.jar", "quick", "2026-01-01T00:00:00Z", 60, Map.of(),
				Map.of("tcpnet", "0.1"), results)))
			.contains("| throughput 64 B (TopicStream): at least 0.25× the plain socket's messages/s | 3,000,000 |"
					+ " 10,000,000 | 0.30× | yes |");
	}

	private static Run run() {
		Results results = new Results();
		results.of("throughput", "64 B messages/s", Results.TCPNET, "msg/s", true).values
			.addAll(List.of(300e3, 400e3, 500e3));
		results.of("throughput", "64 B messages/s", "plain socket", "msg/s", true).values.addAll(List.of(10e6));
		results.of("throughput", "64 B messages/s", "JGroups", "msg/s", true).values.addAll(List.of(200e3));
		results.of("throughput", "64 B CPU per message", Results.TCPNET, "ns", false).values
			.addAll(List.of(450.0, 500.0, 550.0));
		results.of("throughput", "64 B CPU per message", "plain socket", "ns", false).add(80);
		results.of("throughput", "64 B CPU per message", "JGroups", "ns", false).add(900);
		results.detail("cost", "resident memory, 0 peers", Results.TCPNET, "MB", false).add(150);
		results.of("formation", "cold start, 3 nodes, from last launch", Results.TCPNET, "ms", false).values
			.addAll(List.of(4000.0, Double.NaN));
		results.of("formation", "cold start, 3 nodes, from last launch", "Hazelcast", "ms", false).add(8000);
		results.of("formation", "cold start, 3 nodes, from last launch", FormationBench.BOOT_ALONE, "ms", false)
			.add(2000);
		results.of("latency", "64 B round trip p50", Results.TCPNET, "µs", false).add(60);
		results.of("latency", "64 B round trip p99", Results.TCPNET, "µs", false).add(150);
		results.of("latency", "64 B round trip p50", "plain socket", "µs", false).add(40);
		results.detail("latency", "64 B round trip p50, busy-poll 50us", Results.TCPNET, "µs", false).add(20);
		results.detail("latency", "64 B round trip p99, busy-poll 50us", Results.TCPNET, "µs", false).add(100);
		results.of("start-up", StartupBench.webFromJvm(), Results.TCPNET, "ms", false).add(2300);
		results.of("start-up", StartupBench.webFromJvm(), StartupBench.WITHOUT, "ms", false).add(2000);
		results.otherWork.put("whole run", new double[] { 3.21, 0 });
		Goals.evaluate(results, "Hazelcast");
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("cpu", "Some \"CPU\"");
		machine.put("cores", "2");
		machine.put("jdk", "17");
		return new Run("java -jar x.jar", "quick", "2026-01-01T00:00:00Z", 60, machine, Map.of("tcpnet", "0.1"),
				results);
	}

}
