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
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.test.OrdersApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's ordinary {@code @SpringBootTest}, with nothing about the network in
 * it. {@link OffTheNetworkIT} runs it in a JVM of its own inside a network namespace
 * (never on the machine's own network: its name keeps it out of surefire's and failsafe's
 * patterns). It says when its context is up and holds it until told to end.
 */
@SpringBootTest(classes = OrdersApplication.class)
class PinnedApplicationCheck {

	static final String READY = "CONTEXT READY";

	@Autowired
	private Tcpnet tcpnet;

	@Autowired
	private Environment environment;

	@Test
	void runsUntilTold() throws IOException {
		if (this.environment.getProperty("tcpnet.enabled", Boolean.class, true)) {
			assertThat(this.environment.getProperty("local.tcpnet.port", Integer.class)).isPositive();
			assertThat(this.tcpnet.localNode().addresses()).containsExactly(InetAddress.getLoopbackAddress());
		}
		else {
			assertThat(this.tcpnet.localNode().port()).isZero();
		}
		System.out.println(READY + " in cluster " + this.tcpnet.localNode().cluster());
		System.out.flush();
		new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
	}

}
