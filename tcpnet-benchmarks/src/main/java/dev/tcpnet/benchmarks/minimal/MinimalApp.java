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

package dev.tcpnet.benchmarks.minimal;

import java.lang.management.ManagementFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * The smallest Boot application, for the start-up cost of the starter: the suite starts
 * it with and without the starter's jars on the class path, and with and without Spring
 * MVC's (a web application, as Boot deduces from the class path). It knows nothing of
 * tcpnet and lives in its own jar. Prints {@code @ready ms jvmStartMs}, then waits until
 * stdin closes.
 *
 * @since 0.1.0
 */
@SpringBootApplication(proxyBeanMethods = false)
public class MinimalApp {

	public static void main(String[] args) throws Exception {
		SpringApplication application = new SpringApplication(MinimalApp.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.addListeners((ApplicationListener<ApplicationReadyEvent>) (event) -> {
			System.out.println(
					"@ready " + System.currentTimeMillis() + " " + ManagementFactory.getRuntimeMXBean().getStartTime());
			System.out.flush();
		});
		application.run(args);
		while (System.in.read() != -1) {
			// until the suite closes stdin
		}
		Runtime.getRuntime().halt(0);
	}

}
