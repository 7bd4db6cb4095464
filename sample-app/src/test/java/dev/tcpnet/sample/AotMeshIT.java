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

package dev.tcpnet.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two sample-app processes started from the packaged jar after Spring's AOT processing,
 * with {@code -Dspring.aot.enabled=true}: they run the bean definitions generated at
 * build time (as a GraalVM native image would, which these machines cannot build) and
 * form a mesh, each receiving the other's demo messages. A start without the generated
 * initializer fails, so a started node proves the AOT path. Pinned to 127.0.0.1 with a
 * cluster name of their own, as {@code SampleProcess.startOnLoopback} does.
 */
class AotMeshIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final List<SampleProcess> nodes = new ArrayList<>();

	@AfterEach
	void stop() {
		this.nodes.forEach(SampleProcess::kill);
	}

	@Test
	void twoNodesRunningTheAotGeneratedContextFormAMesh() throws IOException {
		assertThat(aotInitializerIn(SampleProcess.jar())).as("the jar holds the AOT-generated initializer").isTrue();
		assertThat(reachabilityMetadataIn(SampleProcess.jar())).as("tcpnet's runtime hints reached the metadata")
			.contains("com.sun.jndi.dns.DnsContextFactory", "dev.tcpnet.transport.netty.HandshakeHandler",
					"dev.tcpnet.actuate.TcpnetEndpoint$NodeDescriptor");
		String cluster = "tcpnet-aot-" + UUID.randomUUID().toString().substring(0, 8);
		SampleProcess first = start("aot-1", cluster);
		SampleProcess second = start("aot-2", cluster);
		first.awaitLine("connected to aot-2 (", TIMEOUT);
		second.awaitLine("connected to aot-1 (", TIMEOUT);
		first.awaitLine("message from aot-2", TIMEOUT);
		second.awaitLine("message from aot-1", TIMEOUT);
		assertThat(first.hasLine("Starting AOT-processed")).as("aot-1 started from the AOT-processed context").isTrue();
	}

	private SampleProcess start(String id, String cluster) throws IOException {
		List<String> command = SampleProcess.javaJar(id);
		command.add(1, "-Dspring.aot.enabled=true");
		command.addAll(List.of("--tcpnet.cluster=" + cluster, "--tcpnet.discovery.mdns.interfaces=127.0.0.1",
				"--tcpnet.server.address=127.0.0.1", "--server.address=127.0.0.1"));
		SampleProcess node = SampleProcess.start(id, command);
		this.nodes.add(node);
		return node;
	}

	// What a native image build would be given: the hints of every registrar, as JSON.
	private static String reachabilityMetadataIn(Path jar) throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			JarEntry entry = file.getJarEntry("META-INF/native-image/dev.tcpnet/sample-app/reachability-metadata.json");
			assertThat(entry).as("reachability metadata in the jar").isNotNull();
			try (InputStream in = file.getInputStream(entry)) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
	}

	private static boolean aotInitializerIn(Path jar) throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.getEntry(
					"BOOT-INF/classes/dev/tcpnet/sample/SampleApplication__ApplicationContextInitializer.class") != null;
		}
	}

}
