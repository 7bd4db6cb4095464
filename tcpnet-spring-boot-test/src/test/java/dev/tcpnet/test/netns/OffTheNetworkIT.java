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

package dev.tcpnet.test.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proves that with this module on the test class path an application's ordinary
 * {@code @SpringBootTest} sends nothing off loopback: the test runs in a JVM of its own
 * inside a network namespace whose {@code eth0} is a veth link to a capture namespace,
 * and not one packet arrives there, while the context runs nor when it closes. The
 * control: the same application run as in production, on the same link, does announce
 * itself there. Needs root and iproute2; skipped without them, except under
 * {@code CI=true}, where it fails.
 */
class OffTheNetworkIT {

	// Long enough for what the control sends at once (mDNS probes and announcements,
	// the multicast group join), so that silence means something.
	private static final Duration QUIET_FOR = Duration.ofSeconds(6);

	private static @Nullable CaptureLink link;

	@BeforeAll
	static void makeTheLink() {
		String reason = CaptureLink.unavailableReason();
		String message = "This test needs root and iproute2 (ip, ss) to make network namespaces. Here: " + reason;
		if (reason != null && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException(message + " (CI=true: failing, not skipping)");
		}
		Assumptions.assumeTrue(reason == null, () -> "Skipped. " + message);
		link = CaptureLink.create();
	}

	@AfterAll
	static void removeTheLink() {
		if (link != null) {
			link.close();
		}
	}

	@Test
	void aSpringBootTestOfTheApplicationSendsNothingOffLoopback() throws Exception {
		CaptureLink link = link();
		long before = link.packetsCaptured();
		try (Forked test = Forked.start(link, "test", List.of())) {
			test.awaitReady();
			List<String> sockets = link.boundSockets();
			System.out.println("Sockets of the @SpringBootTest: " + sockets);
			List<String> tcp = sockets.stream().filter((line) -> line.startsWith("tcp")).toList();
			assertThat(tcp).as("TCP listeners").isNotEmpty().allMatch((line) -> line.contains(" 127.0.0.1:"));
			await().during(QUIET_FOR).atMost(QUIET_FOR.plusSeconds(2)).until(() -> link.packetsCaptured() == before);
			test.finishSuccessfully();
		}
		assertThat(link.packetsCaptured() - before).as("packets on the link").isZero();
	}

	@Test
	void withTcpnetDisabledNothingIsBoundAndNothingSent() throws Exception {
		CaptureLink link = link();
		long before = link.packetsCaptured();
		try (Forked test = Forked.start(link, "test", List.of("-Dtcpnet.enabled=false"))) {
			test.awaitReady();
			assertThat(link.boundSockets()).as("sockets bound in the namespace").isEmpty();
			await().during(QUIET_FOR).atMost(QUIET_FOR.plusSeconds(2)).until(() -> link.packetsCaptured() == before);
			test.finishSuccessfully();
		}
		assertThat(link.packetsCaptured() - before).as("packets on the link").isZero();
	}

	@Test
	void theApplicationRunAsInProductionDoesAnnounceItselfOnTheLink() throws Exception {
		CaptureLink link = link();
		long before = link.packetsCaptured();
		try (Forked application = Forked.start(link, "application", List.of())) {
			application.awaitReady();
			await().atMost(QUIET_FOR).until(() -> link.packetsCaptured() > before);
			System.out.println("The application run as in production: " + (link.packetsCaptured() - before)
					+ " packets on the link once started");
		}
	}

	private static CaptureLink link() {
		assertThat(link).isNotNull();
		return link;
	}

	/** A JVM of {@link ForkedRun} in the application's namespace, and its output. */
	private static final class Forked implements AutoCloseable {

		private final String name;

		private final Process process;

		private final List<String> lines = new CopyOnWriteArrayList<>();

		private Forked(String name, Process process) {
			this.name = name;
			this.process = process;
		}

		static Forked start(CaptureLink link, String mode, List<String> jvmOptions) throws IOException {
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
							"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
			command.addAll(jvmOptions);
			command.addAll(List.of(ForkedRun.class.getName(), mode));
			Process process = new ProcessBuilder(link.inApplicationNamespace(command)).redirectErrorStream(true)
				.start();
			Forked forked = new Forked(mode, process);
			Thread reader = new Thread(forked::read, "forked-" + mode);
			reader.setDaemon(true);
			reader.start();
			return forked;
		}

		private void read() {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					this.lines.add(line);
					System.out.println("[" + this.name + "] " + line);
				}
			}
			catch (IOException ex) {
				// The process ended
			}
		}

		void awaitReady() {
			await().atMost(Duration.ofMinutes(2))
				.failFast(this.name + " exited early", () -> !this.process.isAlive())
				.until(() -> hasLine(PinnedApplicationCheck.READY));
		}

		void finishSuccessfully() throws IOException, InterruptedException {
			OutputStream in = this.process.getOutputStream();
			in.write('\n');
			in.flush();
			assertThat(this.process.waitFor(60, TimeUnit.SECONDS)).as(this.name + " ended").isTrue();
			assertThat(hasLine(ForkedRun.SUCCEEDED)).as(() -> this.name + " passed; its output:\n" + this.lines)
				.isTrue();
			assertThat(this.process.exitValue()).isZero();
		}

		private boolean hasLine(String fragment) {
			return this.lines.stream().anyMatch((line) -> line.contains(fragment));
		}

		@Override
		public void close() throws InterruptedException {
			if (this.process.isAlive()) {
				this.process.destroy();
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
		}

	}

}
