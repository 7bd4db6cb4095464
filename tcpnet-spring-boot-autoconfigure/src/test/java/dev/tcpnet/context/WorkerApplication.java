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

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * A worker application: no web server, nothing but the starter; its main method returns
 * at once after the context started. {@link KeepAliveTests} runs it as a process of its
 * own.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class WorkerApplication {

	/**
	 * Starts the application with the given arguments ({@code --key=value}).
	 * @param args the arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(WorkerApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args);
	}

}
