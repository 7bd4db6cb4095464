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
