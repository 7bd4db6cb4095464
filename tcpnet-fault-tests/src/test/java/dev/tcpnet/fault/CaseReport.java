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
 * The figures of one hostile case as one readable block of {@code HOSTILE} lines: memory
 * before, peak and after, the time to the offending connection's close, the counters that
 * moved, the log lines, the legitimate traffic, and the verdict. Printed when the case
 * ends, again all together when the class ends, and written to
 * {@code target/hostile-figures.txt}.
 */
final class CaseReport {

	private static final List<CaseReport> all = new ArrayList<>();

	private final String title;

	private final List<String> lines = new ArrayList<>();

	private String verdict = "not finished";

	CaseReport(String title) {
		this.title = title;
		synchronized (all) {
			all.add(this);
		}
	}

	synchronized void add(String label, Object value) {
		this.lines.add(String.format("%-34s %s", label + ":", value));
	}

	synchronized void addAll(String label, List<String> values) {
		if (values.isEmpty()) {
			add(label, "none");
			return;
		}
		add(label, values.size() + ((values.size() == 1) ? " line" : " lines"));
		values.stream().limit(8).forEach((value) -> this.lines.add("    " + shorten(value)));
		if (values.size() > 8) {
			this.lines.add("    ... " + (values.size() - 8) + " more");
		}
	}

	synchronized void verdict(String verdict) {
		this.verdict = verdict;
	}

	synchronized List<String> block() {
		List<String> block = new ArrayList<>();
		block.add("==== " + this.title + " ====");
		block.addAll(this.lines);
		block.add(String.format("%-34s %s", "verdict:", this.verdict));
		return block;
	}

	void print() {
		block().forEach((line) -> System.out.println("HOSTILE " + line));
	}

	static void printAll(Path file) {
		List<String> text = new ArrayList<>();
		synchronized (all) {
			for (CaseReport report : all) {
				text.addAll(report.block());
				text.add("");
			}
		}
		text.forEach((line) -> System.out.println("HOSTILE " + line));
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			System.out.println("HOSTILE (not written to " + file + ": " + ex.getMessage() + ")");
		}
	}

	private static String shorten(String line) {
		return (line.length() <= 220) ? line : line.substring(0, 220) + "…";
	}

}
