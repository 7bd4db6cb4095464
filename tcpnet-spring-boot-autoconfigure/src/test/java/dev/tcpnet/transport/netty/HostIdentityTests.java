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

package dev.tcpnet.transport.netty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host identity of a process in a mount namespace of its own ({@code unshare
 * --mount}, as {@code ip netns exec} gives every process it starts) that sees the same
 * socket directory: the same host, so that such peers talk over the socket file. Needs
 * root for {@code unshare}; in CI ({@code CI=true}) a missing prerequisite fails.
 */
@EnabledOnOs(OS.LINUX)
class HostIdentityTests {

	@TempDir
	Path temp;

	@Test
	void aProcessInAMountNamespaceOfItsOwnSharesTheHostIdentity() throws Exception {
		assumeUnshareWorks();
		Path directory = privateDirectory("sockets");
		String here = UnixSocketDirectory.prepare(directory).hostId();
		assertThat(childHostId(directory, "--mount")).isEqualTo(here);
		Path elsewhere = privateDirectory("elsewhere");
		assertThat(UnixSocketDirectory.prepare(elsewhere).hostId()).isNotEqualTo(here);
	}

	@Test
	void aProcessInANetworkNamespaceOfItsOwnIsAnotherHost() throws Exception {
		assumeUnshareWorks();
		Path directory = privateDirectory("sockets");
		String here = UnixSocketDirectory.prepare(directory).hostId();
		assertThat(childHostId(directory, "--net")).isNotEqualTo(here).hasSize(32);
	}

	private Path privateDirectory(String name) throws IOException {
		return Files.createDirectory(this.temp.resolve(name),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
	}

	private static String childHostId(Path directory, String namespace) throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process child = new ProcessBuilder(List.of("unshare", namespace, java.toString(), "-cp",
				System.getProperty("java.class.path"), PrintHostId.class.getName(), directory.toString()))
			.redirectErrorStream(true)
			.start();
		child.getOutputStream().close();
		assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
		String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(child.exitValue()).as("the child's exit status; it printed: %s", output).isZero();
		return output;
	}

	private static void assumeUnshareWorks() throws IOException, InterruptedException {
		String reason = null;
		try {
			Process probe = new ProcessBuilder("unshare", "--mount", "--net", "true").redirectErrorStream(true).start();
			if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
				reason = "unshare --mount --net failed (not root?): "
						+ new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			}
		}
		catch (IOException ex) {
			reason = "no unshare (util-linux): " + ex.getMessage();
		}
		if (reason != null && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException(reason + " (CI=true: failing, not skipping)");
		}
		String skipped = reason;
		Assumptions.assumeTrue(reason == null, () -> "Skipped: " + skipped);
	}

	/** Prints the host identity this process computes for a directory. */
	public static final class PrintHostId {

		private PrintHostId() {
		}

		public static void main(String[] args) {
			System.out.println(UnixSocketDirectory.prepare(Path.of(args[0])).hostId());
		}

	}

}
