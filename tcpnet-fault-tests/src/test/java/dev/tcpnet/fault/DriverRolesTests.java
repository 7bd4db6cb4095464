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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tcpnet.Tcpnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The driver's roles by properties, in this JVM on loopback: a configured SENDER starts
 * its run when its target connects, and a RECEIVER writes its summary periodically.
 */
@ExtendWith(OutputCaptureExtension.class)
class DriverRolesTests {

	@Test
	void configuredSenderSendsItsRunWhenTheTargetConnectsAndTheReceiverReportsIt(CapturedOutput output) {
		String cluster = "roles-" + UUID.randomUUID().toString().substring(0, 8);
		try (ConfigurableApplicationContext receiver = start("b", cluster, "--fault.summary-interval=200ms")) {
			int port = receiver.getBean(Tcpnet.class).localNode().port();
			try (ConfigurableApplicationContext sender = start("a", cluster,
					"--tcpnet.discovery.static.peers=127.0.0.1:" + port, "--fault.send.target=b",
					"--fault.send.count=200", "--fault.send.rate=0", "--fault.send.run=roles")) {
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(output.getOut()).contains(
							"id=periodic from=a run=roles received=200 distinct=200 duplicates=0 outOfOrder=0 missing=0"));
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(output.getOut()).containsPattern(
							"FAULT-SEND t=\\d+ run=roles state=DONE target=b sent=200 completed=200 failed=0 pending=0"));
			}
		}
	}

	private static ConfigurableApplicationContext start(String id, String cluster, String... more) {
		List<String> args = new ArrayList<>(List.of("--tcpnet.node-id=" + id, "--tcpnet.cluster=" + cluster,
				"--tcpnet.discovery.mdns.enabled=false", "--tcpnet.server.address=127.0.0.1",
				"--fault.stdin-commands=false"));
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(FaultDriverApplication.class).run(args.toArray(String[]::new));
	}

}
