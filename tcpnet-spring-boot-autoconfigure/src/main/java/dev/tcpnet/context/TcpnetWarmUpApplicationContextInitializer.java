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

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import dev.tcpnet.transport.netty.NettyWarmUp;

/**
 * Starts {@link NettyWarmUp} before the application context is refreshed, so that Netty's
 * classes and its native library load on a second thread while the main thread reads
 * configuration classes and creates beans. Nothing starts when {@code tcpnet.enabled} or
 * {@code tcpnet.server.warm-up} is {@code false}.
 *
 * <p>
 * Registered in {@code META-INF/spring.factories}, so every {@code SpringApplication}
 * applies it.
 *
 * @since 0.1.0
 */
public class TcpnetWarmUpApplicationContextInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final boolean NETTY_PRESENT = ClassUtils.isPresent("io.netty.channel.Channel",
			TcpnetWarmUpApplicationContextInitializer.class.getClassLoader());

	@Override
	public void initialize(ConfigurableApplicationContext applicationContext) {
		Environment environment = applicationContext.getEnvironment();
		if (!NETTY_PRESENT || !environment.getProperty("tcpnet.enabled", Boolean.class, true)
				|| !environment.getProperty("tcpnet.server.warm-up", Boolean.class, true)) {
			return;
		}
		NettyWarmUp.start(environment.getProperty("tcpnet.server.native-transport", Boolean.class, true));
	}

}
