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

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import dev.tcpnet.event.TcpnetStartedEvent;

/**
 * Sets {@value #PROPERTY} in the environment to the port the node's acceptor is bound to,
 * once it is bound, as Spring Boot does with {@code local.server.port}: tests can inject
 * it with {@code @Value("${local.tcpnet.port}")}. The property goes into a property
 * source named {@value #PROPERTY_SOURCE_NAME}, in the context and in its parents.
 *
 * <p>
 * Registered in {@code META-INF/spring.factories}, so every {@code SpringApplication}
 * applies it; add it to an {@code ApplicationContextRunner} with
 * {@code withInitializer(new TcpnetPortInfoApplicationContextInitializer())}.
 *
 * @since 0.1.0
 */
public class TcpnetPortInfoApplicationContextInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The property that holds the bound port. */
	public static final String PROPERTY = "local.tcpnet.port";

	/** The name of the property source that holds {@value #PROPERTY}. */
	public static final String PROPERTY_SOURCE_NAME = "tcpnet.ports";

	@Override
	public void initialize(ConfigurableApplicationContext applicationContext) {
		applicationContext.addApplicationListener(new Listener(applicationContext));
	}

	private static void setPortProperty(ApplicationContext context, int port) {
		if (context instanceof ConfigurableApplicationContext configurable) {
			setPortProperty(configurable.getEnvironment(), port);
		}
		if (context.getParent() != null) {
			setPortProperty(context.getParent(), port);
		}
	}

	@SuppressWarnings("unchecked")
	private static void setPortProperty(ConfigurableEnvironment environment, int port) {
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
		if (source == null) {
			source = new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>());
			sources.addFirst(source);
		}
		((Map<String, Object>) source.getSource()).put(PROPERTY, port);
	}

	private static final class Listener implements ApplicationListener<TcpnetStartedEvent> {

		private final ConfigurableApplicationContext applicationContext;

		Listener(ConfigurableApplicationContext applicationContext) {
			this.applicationContext = applicationContext;
		}

		@Override
		public void onApplicationEvent(TcpnetStartedEvent event) {
			setPortProperty(this.applicationContext, event.getPort());
		}

	}

}
