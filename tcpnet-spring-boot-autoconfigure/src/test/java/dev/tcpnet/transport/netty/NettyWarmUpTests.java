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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Configuration;

import dev.tcpnet.peer.NodeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Netty's warm-up: transports created while it runs wait for it and then work as ever,
 * and every {@code SpringApplication} starts it through {@code spring.factories}.
 */
class NettyWarmUpTests {

	private final List<NettyTransport> transports = new ArrayList<>();

	@AfterEach
	void close() {
		this.transports.forEach(NettyTransport::close);
	}

	@Test
	void transportsCreatedWhileTheWarmUpRunsConnect() {
		NettyWarmUp.start(true);
		NettyTransport server = transport("warm-server");
		NettyTransport client = transport("warm-client");
		RecordingListener serverSide = new RecordingListener();
		RecordingListener clientSide = new RecordingListener();
		InetSocketAddress address = server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), serverSide);
		client.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), clientSide);
		client.dial(address);
		await().untilAsserted(() -> {
			assertThat(serverSide.connected).hasSize(1);
			assertThat(clientSide.connected).hasSize(1);
		});
	}

	/**
	 * A JVM's first buffer from Netty's allocator loads the flight recorder's metadata
	 * (Netty's allocation events); in a fresh JVM whose warm-up has ended, the first
	 * allocation a network thread would make loads none of it.
	 */
	@Test
	void afterTheWarmUpTheFirstAllocationLoadsNothingOfTheFlightRecorder(@TempDir Path directory) throws Exception {
		Path log = directory.resolve("probe.log");
		// To a file, read once it ended: a probe that hangs fails the wait, not the
		// build.
		Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xlog:class+load", "-cp", System.getProperty("java.class.path"), FirstAllocation.class.getName())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean ended = probe.waitFor(60, TimeUnit.SECONDS);
		if (!ended) {
			probe.destroyForcibly();
		}
		assertThat(ended).as("the probe JVM ended").isTrue();
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(output).contains("jdk.jfr.").contains(FirstAllocation.WARMED).contains(FirstAllocation.ALLOCATED);
		String firstAllocation = output.substring(output.indexOf(FirstAllocation.WARMED),
				output.indexOf(FirstAllocation.ALLOCATED));
		assertThat(firstAllocation).doesNotContain("jdk.jfr.");
	}

	@Test
	void everySpringApplicationAppliesTheInitializerThatStartsIt() {
		SpringApplication application = new SpringApplication(Empty.class);
		assertThat(application.getInitializers()).anyMatch((initializer) -> initializer.getClass()
			.getSimpleName()
			.equals("TcpnetWarmUpApplicationContextInitializer"));
	}

	private NettyTransport transport(String id) {
		NettyTransport transport = new NettyTransport("warm-up-tests", NodeId.of(id), 1,
				NettyTransport.Settings.plain(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20));
		this.transports.add(transport);
		return transport;
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

	/**
	 * Warms up, then allocates as a network thread's first read would, between two
	 * markers.
	 */
	public static final class FirstAllocation {

		static final String WARMED = "@warmed";

		static final String ALLOCATED = "@allocated";

		public static void main(String[] args) {
			NettyWarmUp.start(false);
			NettyWarmUp.await();
			System.out.println(WARMED);
			ByteBufAllocator.DEFAULT.ioBuffer(1024).release();
			System.out.println(ALLOCATED);
		}

	}

}
