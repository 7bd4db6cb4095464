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

package dev.tcpnet.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The measured figures of a fault-test run, printed as a table of {@code FAULT-FIGURES}
 * lines (after each test, and all of them at the end) and written to
 * {@code target/fault-figures.txt}.
 */
final class FaultFigures {

	private final List<String[]> rows = new ArrayList<>();

	synchronized void add(String test, String figure, Object value) {
		this.rows.add(new String[] { test, figure, String.valueOf(value) });
	}

	synchronized void ms(String test, String figure, long millis) {
		add(test, figure, millis + " ms");
	}

	synchronized void printTest(String test) {
		List<String[]> mine = this.rows.stream().filter((row) -> row[0].equals(test)).toList();
		print(mine, "figures of " + test);
	}

	synchronized void printAll(Path file) {
		List<String> lines = print(this.rows, "tcpnet fault tests: measured figures");
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, lines, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			System.out.println("FAULT-FIGURES (not written to " + file + ": " + ex.getMessage() + ")");
		}
	}

	private static List<String> print(List<String[]> rows, String title) {
		int test = 4;
		int figure = 6;
		for (String[] row : rows) {
			test = Math.max(test, row[0].length());
			figure = Math.max(figure, row[1].length());
		}
		String format = "FAULT-FIGURES %-" + test + "s | %-" + figure + "s | %s";
		List<String> lines = new ArrayList<>();
		lines.add("FAULT-FIGURES ==== " + title + " ====");
		lines.add(String.format(format, "test", "figure", "value"));
		for (String[] row : rows) {
			lines.add(String.format(format, (Object[]) row));
		}
		lines.forEach(System.out::println);
		return lines;
	}

}
