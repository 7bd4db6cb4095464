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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine a run measured: figures only compare within one run on one machine.
 */
final class Machine {

	private Machine() {
	}

	static Map<String, String> describe() {
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("cpu", first("/proc/cpuinfo", "model name"));
		machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
		// The clock at the start, and who sets it: a machine that scales its clock down
		// when idle measures short windows slower.
		machine.put("cpu MHz", first("/proc/cpuinfo", "cpu MHz"));
		machine.put("cpu governor", governor());
		String memory = first("/proc/meminfo", "MemTotal");
		machine.put("memory",
				memory.isEmpty() ? "?" : Format.f("%.1f GB", Long.parseLong(memory.replaceAll("[^0-9]", "")) / 1e6));
		machine.put("os", osRelease() + ", kernel " + System.getProperty("os.version"));
		machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		machine.put("load average before", loadAverage());
		return machine;
	}

	static String loadAverage() {
		try {
			String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return load[0] + " " + load[1] + " " + load[2];
		}
		catch (Exception ex) {
			return "?";
		}
	}

	private static String governor() {
		try {
			return Files.readString(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")).trim();
		}
		catch (Exception ex) {
			return "not exposed";
		}
	}

	private static String first(String file, String key) {
		try {
			List<String> lines = Files.readAllLines(Path.of(file));
			return lines.stream()
				.filter((line) -> line.startsWith(key))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("");
		}
		catch (Exception ex) {
			return "";
		}
	}

	private static String osRelease() {
		try {
			return Files.readAllLines(Path.of("/etc/os-release"))
				.stream()
				.filter((line) -> line.startsWith("PRETTY_NAME="))
				.map((line) -> line.substring(line.indexOf('=') + 1).replace("\"", ""))
				.findFirst()
				.orElse(System.getProperty("os.name"));
		}
		catch (Exception ex) {
			return System.getProperty("os.name");
		}
	}

}
