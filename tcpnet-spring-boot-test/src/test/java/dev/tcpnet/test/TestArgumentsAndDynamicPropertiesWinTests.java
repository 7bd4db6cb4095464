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

package dev.tcpnet.test;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tcpnet.Tcpnet;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(args = "--tcpnet.cluster=chosen-by-the-arguments")
class TestArgumentsAndDynamicPropertiesWinTests {

	@Autowired
	private Tcpnet tcpnet;

	@Autowired
	private Environment environment;

	@DynamicPropertySource
	static void seeds(DynamicPropertyRegistry registry) {
		// A seed on loopback: what a test may choose deliberately.
		registry.add("tcpnet.discovery.static.peers", () -> "127.0.0.1:9");
	}

	@Test
	void argumentsWinOverThePinning() {
		assertThat(this.tcpnet.localNode().cluster()).isEqualTo("chosen-by-the-arguments");
	}

	@Test
	void dynamicPropertiesWinOverThePinning() {
		assertThat(this.environment.getProperty("tcpnet.discovery.static.peers")).isEqualTo("127.0.0.1:9");
	}

}
