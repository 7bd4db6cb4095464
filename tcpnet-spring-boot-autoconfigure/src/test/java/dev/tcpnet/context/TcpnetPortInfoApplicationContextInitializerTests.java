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

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class TcpnetPortInfoApplicationContextInitializerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpnetAutoConfiguration.class))
		.withInitializer(new TcpnetPortInfoApplicationContextInitializer())
		.withPropertyValues("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false");

	@Test
	void boundPortIsInTheEnvironmentAsLocalTcpnetPort() {
		this.runner.run((context) -> {
			int port = context.getBean(Tcpnet.class).localNode().port();
			assertThat(port).isPositive();
			assertThat(context.getEnvironment().getProperty("local.tcpnet.port", Integer.class)).isEqualTo(port);
			assertThat(context.getEnvironment().getPropertySources().contains("tcpnet.ports")).isTrue();
		});
	}

	@Test
	void boundPortIsInTheParentsEnvironmentToo() {
		try (AnnotationConfigApplicationContext parent = new AnnotationConfigApplicationContext()) {
			parent.refresh();
			this.runner.withParent(parent).run((context) -> {
				int port = context.getBean(Tcpnet.class).localNode().port();
				assertThat(parent.getEnvironment().getProperty("local.tcpnet.port", Integer.class)).isEqualTo(port);
			});
		}
	}

	@Test
	void theInitializerIsRegisteredForEverySpringApplication() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(ApplicationContextInitializer.class))
			.anyMatch(TcpnetPortInfoApplicationContextInitializer.class::isInstance);
	}

}
