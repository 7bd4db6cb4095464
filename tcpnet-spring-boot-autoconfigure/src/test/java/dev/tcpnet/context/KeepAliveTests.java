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

package dev.tcpnet.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker application without a web server, as a JVM process of its own with the node on
 * 127.0.0.1 and static discovery: it stays up after its main method returned, because the
 * node keeps it alive, and stops cleanly on SIGTERM.
 */
class KeepAliveTests {

	/**
	 * What a JVM ends with on SIGTERM once its shutdown hooks (Boot's closes the context)
	 * have run: 128 + 15. Boot does not call System.exit for a signal.
	 */
	private static final int SIGTERM_EXIT = 143;

	private Process process;

	@TempDir
	private Path directory;

	private Path log;

	@BeforeEach
	void logFile() {
		this.log = this.directory.resolve("worker.log");
	}

	@AfterEach
	void destroy() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void aWorkerApplicationStaysUpWhileItsNodeRunsAndStopsOnSigterm() throws Exception {
		this.process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				WorkerApplication.class.getName(), "--tcpnet.server.address=127.0.0.1",
				"--tcpnet.discovery.mdns.enabled=false", "--tcpnet.discovery.static.peers=127.0.0.1:1",
				"--spring.main.banner-mode=off"))
			.redirectErrorStream(true)
			// To a file: Process.destroy() closes the pipes, and the last lines with
			// them.
			.redirectOutput(this.log.toFile())
			.start();
		this.process.getOutputStream().close();
		await().until(() -> output().contains("Started WorkerApplication"));
		// main has returned: only the node's keep-alive thread holds the JVM now.
		assertThat(this.process.waitFor(2, TimeUnit.SECONDS)).as("still running after its start").isFalse();
		assertThat(threadDump()).contains("tcpnet-keep-alive");
		this.process.destroy();
		assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
		assertThat(this.process.exitValue()).isEqualTo(SIGTERM_EXIT);
		assertThat(output()).contains("tcpnet node stopped");
	}

	private String threadDump() throws IOException, InterruptedException {
		Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
				Long.toString(this.process.pid()))
			.redirectErrorStream(true)
			.start();
		String dump = new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		jstack.waitFor(30, TimeUnit.SECONDS);
		return dump;
	}

	private String output() throws IOException {
		return Files.readString(this.log);
	}

}
