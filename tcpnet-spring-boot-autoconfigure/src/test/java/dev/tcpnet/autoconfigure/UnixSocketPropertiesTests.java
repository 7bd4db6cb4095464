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

package dev.tcpnet.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tcpnet.transport.netty.NettyTransport;
import dev.tcpnet.transport.netty.UnixSocketDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Unix-domain socket's properties: a directory others may write to stops the node,
 * naming the property.
 */
class UnixSocketPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpnetAutoConfiguration.class))
		.withPropertyValues("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false");

	@TempDir
	Path temp;

	@Test
	void aMissingDirectoryIsCreatedForThisUserAlone() {
		Path sockets = this.temp.resolve("a/sockets");
		this.runner.withPropertyValues("tcpnet.server.unix-socket.directory=" + sockets).run((context) -> {
			assertThat(context).hasSingleBean(NettyTransport.class);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sockets))).isEqualTo("rwx------");
		});
	}

	@Test
	void aDirectoryOthersMayWriteToStopsTheNodeNamingTheProperty() throws Exception {
		Path sockets = Files.createDirectory(this.temp.resolve("open"));
		Files.setPosixFilePermissions(sockets, PosixFilePermissions.fromString("rwxrwx---"));
		this.runner.withPropertyValues("tcpnet.server.unix-socket.directory=" + sockets)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tcpnet.server.unix-socket.directory")
				.hasMessageContaining("is writable by others"));
	}

	@Test
	void aDirectoryOthersMayWriteToIsNoProblemWhenTheSocketIsOff() throws Exception {
		Path sockets = Files.createDirectory(this.temp.resolve("open"));
		Files.setPosixFilePermissions(sockets, PosixFilePermissions.fromString("rwxrwxrwx"));
		this.runner
			.withPropertyValues("tcpnet.server.unix-socket.directory=" + sockets,
					"tcpnet.server.unix-socket.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aDirectoryOfAnotherUserIsRefused() throws Exception {
		Assumptions.assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0),
				"only root can give a directory to another user");
		Path sockets = Files.createDirectory(this.temp.resolve("theirs"));
		Files.setPosixFilePermissions(sockets, PosixFilePermissions.fromString("rwx------"));
		Files.setAttribute(sockets, "unix:uid", 65534);
		assertThatIllegalStateException().isThrownBy(() -> UnixSocketDirectory.prepare(sockets))
			.withMessageContaining("belongs to");
	}

	@Test
	void aFileIsNoDirectory() throws Exception {
		Path file = Files.createFile(this.temp.resolve("file"));
		assertThatIllegalStateException().isThrownBy(() -> UnixSocketDirectory.prepare(file))
			.withMessageContaining("is not a directory");
	}

	@Test
	void theHostIdentityDependsOnTheDirectory() {
		UnixSocketDirectory one = UnixSocketDirectory.prepare(this.temp.resolve("one"));
		UnixSocketDirectory again = UnixSocketDirectory.prepare(this.temp.resolve("one"));
		UnixSocketDirectory other = UnixSocketDirectory.prepare(this.temp.resolve("other"));
		assertThat(one.hostId()).hasSize(32).isEqualTo(again.hostId()).isNotEqualTo(other.hostId());
	}

}
