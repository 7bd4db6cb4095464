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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One measured process: its output goes to a log file, its {@code @tag …} figure lines
 * are kept for the suite to wait on, and commands go to its stdin.
 */
final class Child implements AutoCloseable {

	final String name;

	final Process process;

	/** Wall-clock time just before the process was started. */
	final long launchedAtMillis;

	private final Path log;

	private final PrintWriter commands;

	private final List<Line> lines = new ArrayList<>();

	private boolean ended;

	private Child(String name, Process process, long launchedAtMillis, Path log) {
		this.name = name;
		this.process = process;
		this.launchedAtMillis = launchedAtMillis;
		this.log = log;
		this.commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
				true);
		Thread reader = new Thread(this::read, "read-" + name);
		reader.setDaemon(true);
		reader.start();
	}

	static Child start(String name, List<String> command, Path logDirectory) throws IOException {
		Path log = logDirectory.resolve(name + ".log");
		Files.writeString(log, String.join(" ", command) + "\n");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		long launchedAt = System.currentTimeMillis();
		Process process = builder.start();
		Children.track(process);
		return new Child(name, process, launchedAt, log);
	}

	private void read() {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				Writer out = Files.newBufferedWriter(this.log, StandardCharsets.UTF_8,
						java.nio.file.StandardOpenOption.APPEND)) {
			String text;
			while ((text = in.readLine()) != null) {
				long now = System.currentTimeMillis();
				out.write(text);
				out.write('\n');
				if (text.startsWith("@")) {
					out.flush();
					String[] words = text.substring(1).trim().split("\\s+");
					Line line = new Line(words[0], java.util.Arrays.copyOfRange(words, 1, words.length), now);
					synchronized (this.lines) {
						this.lines.add(line);
						this.lines.notifyAll();
					}
				}
			}
		}
		catch (IOException ex) {
			// the process is gone
		}
		finally {
			synchronized (this.lines) {
				this.ended = true;
				this.lines.notifyAll();
			}
		}
	}

	/**
	 * Where the next figure line will be; wait from here for the answer to a command.
	 * @return the index of the next figure line
	 */
	int mark() {
		synchronized (this.lines) {
			return this.lines.size();
		}
	}

	void send(String command) {
		this.commands.println(command);
	}

	/**
	 * Sends a command and waits for the answer with the given tag.
	 * @param command the command
	 * @param answerTag the tag of the answer
	 * @param timeout how long to wait
	 * @return the answer
	 */
	Line ask(String command, String answerTag, Duration timeout) {
		int mark = mark();
		send(command);
		return await(mark, tag(answerTag), timeout);
	}

	static Predicate<Line> tag(String tag) {
		return (line) -> line.tag().equals(tag);
	}

	/**
	 * Waits for the first figure line from {@code from} on that matches.
	 * @param from the index of the first line to look at ({@link #mark()})
	 * @param matching which line to wait for
	 * @param timeout how long to wait
	 * @return the line
	 * @throws BenchmarkException on timeout, or when the process ended first
	 */
	Line await(int from, Predicate<Line> matching, Duration timeout) {
		Line line = awaitOrNull(from, matching, timeout);
		if (line == null) {
			throw new BenchmarkException(this.name + ": no awaited line within " + timeout.toSeconds() + " s ("
					+ (ended() ? "its output ended" : "still running") + "), see " + this.log);
		}
		return line;
	}

	/**
	 * As {@link #await}, but {@code null} on timeout or when the process ended.
	 * @param from the index of the first line to look at ({@link #mark()})
	 * @param matching which line to wait for
	 * @param timeout how long to wait
	 * @return the line, or {@code null}
	 */
	Line awaitOrNull(int from, Predicate<Line> matching, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lines) {
			int next = from;
			while (true) {
				for (; next < this.lines.size(); next++) {
					if (matching.test(this.lines.get(next))) {
						return this.lines.get(next);
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0 || this.ended) {
					return null;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.lines, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return null;
				}
			}
		}
	}

	private boolean ended() {
		synchronized (this.lines) {
			return this.ended;
		}
	}

	List<Line> lines(String tag) {
		synchronized (this.lines) {
			return this.lines.stream().filter(tag(tag)).toList();
		}
	}

	/** A profiled process writes its flight recording as it exits: let it exit. */
	private void exitForRecording() {
		if (System.getenv("BENCH_JFR_DIR") == null || !this.process.isAlive()) {
			return;
		}
		send("exit");
		try {
			this.process.waitFor(15, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The CPU time the process has used so far.
	 * @return the CPU time in nanoseconds
	 */
	long cpuNanos() {
		return this.process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * kill -9 now; returns the wall-clock time just before the signal.
	 * @return the wall-clock time in milliseconds
	 */
	long kill() {
		CpuAccount.charge(this.process);
		long now = System.currentTimeMillis();
		this.process.destroyForcibly();
		return now;
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			CpuAccount.charge(this.process);
		}
		exitForRecording();
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Children.untrack(this.process);
	}

	/**
	 * A figure line, and when the suite read it.
	 *
	 * @param tag the line's tag
	 * @param fields the figures after the tag
	 * @param readAtMillis the wall-clock time at which the suite read it
	 */
	record Line(String tag, String[] fields, long readAtMillis) {

		long millis(int field) {
			return Long.parseLong(this.fields[field]);
		}

		int integer(int field) {
			return Integer.parseInt(this.fields[field]);
		}

		@Override
		public String toString() {
			return "@" + this.tag + " " + String.join(" ", this.fields);
		}

	}

}
