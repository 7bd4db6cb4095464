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

package dev.tcpnet.cloud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import dev.tcpnet.Tcpnet;

/**
 * A real tcpnet node that is a web application on 127.0.0.1 (ephemeral ports for the web
 * server and the mesh), with everything on the test classpath auto-configured.
 */
final class WebNode implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private WebNode(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts a node. mDNS is off: every test chooses how the nodes find each other.
	 * @param properties extra {@code key=value} properties, winning over the defaults
	 * @return the started node
	 */
	static WebNode start(String... properties) {
		return startWith(new Class<?>[0], properties);
	}

	/**
	 * Starts a node with more configuration. mDNS is off: every test chooses how the
	 * nodes find each other.
	 * @param configuration more configuration classes
	 * @param properties extra {@code key=value} properties, winning over the defaults
	 * @return the started node
	 */
	static WebNode startWith(Class<?>[] configuration, String... properties) {
		Map<String, String> all = new LinkedHashMap<>();
		for (String property : List.of("server.port=0", "server.address=127.0.0.1", "tcpnet.server.address=127.0.0.1",
				"tcpnet.discovery.mdns.enabled=false", "tcpnet.discovery.mdns.interfaces=127.0.0.1",
				"spring.main.banner-mode=off", "spring.cloud.compatibility-verifier.enabled=false",
				"spring.cloud.loadbalancer.cache.enabled=false")) {
			put(all, property);
		}
		for (String property : properties) {
			put(all, property);
		}
		List<String> arguments = new ArrayList<>();
		all.forEach((key, value) -> arguments.add("--" + key + "=" + value));
		return new WebNode(
				new SpringApplicationBuilder(App.class).sources(configuration).run(arguments.toArray(String[]::new)));
	}

	private static void put(Map<String, String> properties, String property) {
		int equals = property.indexOf('=');
		properties.put(property.substring(0, equals), property.substring(equals + 1));
	}

	Tcpnet tcpnet() {
		return this.context.getBean(Tcpnet.class);
	}

	String id() {
		return tcpnet().localNode().nodeId().value();
	}

	int httpPort() {
		return Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port", "0"));
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		WhoAmI whoAmI(Tcpnet tcpnet) {
			return new WhoAmI(tcpnet);
		}

	}

	/**
	 * A load-balanced {@code RestClient.Builder}. Not in every node: the Eureka client
	 * builds its own client from the application's builder, and must not go through the
	 * load balancer.
	 */
	@Configuration(proxyBeanMethods = false)
	static class LoadBalancedClient {

		@Bean
		@LoadBalanced
		RestClient.Builder loadBalancedRestClientBuilder() {
			return RestClient.builder();
		}

	}

	@RestController
	static class WhoAmI {

		private final Tcpnet tcpnet;

		WhoAmI(Tcpnet tcpnet) {
			this.tcpnet = tcpnet;
		}

		@GetMapping("/whoami")
		String whoAmI() {
			return this.tcpnet.localNode().nodeId().value();
		}

	}

}
