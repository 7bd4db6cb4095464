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

package dev.tcpnet.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.event.PeerEvent;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.peer.NodeId;

/**
 * A real tcpnet node in this JVM: a Boot application context with real sockets, pinned to
 * loopback, that records every peer event it receives.
 */
public final class TestNode implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private TestNode(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts a node bound to 127.0.0.1 with mDNS on 127.0.0.1 only.
	 * @param properties extra {@code key=value} properties
	 * @return the started node
	 */
	public static TestNode start(String... properties) {
		return startWith(new Class<?>[0], properties);
	}

	/**
	 * Starts a node bound to 127.0.0.1 with mDNS on 127.0.0.1 only, with more
	 * configuration.
	 * @param configuration more configuration classes, such as beans the node should have
	 * @param properties extra {@code key=value} properties
	 * @return the started node
	 */
	public static TestNode startWith(Class<?>[] configuration, String... properties) {
		List<String> all = new ArrayList<>(
				List.of("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.interfaces=127.0.0.1",
						"tcpnet.cluster=test", "spring.main.banner-mode=off", "logging.level.dev.tcpnet=DEBUG"));
		all.addAll(List.of(properties));
		// As command-line arguments: they outrank the build's system properties, so a
		// test can
		// choose its interface (the defaults above keep everything on loopback).
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class).sources(configuration)
			.web(WebApplicationType.NONE)
			.run(arguments(all));
		return new TestNode(context);
	}

	// Later values replace earlier ones: repeated command-line keys would become a list.
	private static String[] arguments(List<String> properties) {
		Map<String, String> byKey = new LinkedHashMap<>();
		for (String property : properties) {
			int equals = property.indexOf('=');
			byKey.put(property.substring(0, equals), property.substring(equals + 1));
		}
		return byKey.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}

	public Tcpnet tcpnet() {
		return this.context.getBean(Tcpnet.class);
	}

	public NodeId id() {
		return tcpnet().localNode().nodeId();
	}

	public int port() {
		return tcpnet().localNode().port();
	}

	public String seed() {
		return "127.0.0.1:" + port();
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public List<PeerEvent> events() {
		return List.copyOf(this.context.getBean(Recorder.class).events);
	}

	public <E extends PeerEvent> List<E> events(Class<E> type) {
		return events().stream().filter(type::isInstance).map(type::cast).toList();
	}

	public List<NodeId> connectedEventIds() {
		return events(PeerConnectedEvent.class).stream().map((e) -> e.getPeer().nodeId()).toList();
	}

	public List<PeerDisconnectedEvent> disconnects() {
		return events(PeerDisconnectedEvent.class);
	}

	public List<String> messages() {
		return events(PeerMessageEvent.class).stream().map(PeerMessageEvent::getPayloadAsString).toList();
	}

	@Override
	public void close() {
		this.context.close();
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Everything on the test classpath is auto-configured, as in an application:
	 * Actuator's endpoints and health, and Micrometer with a simple registry.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

	static class Recorder {

		final List<PeerEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(PeerEvent event) {
			this.events.add(event);
		}

	}

}
