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

package dev.tcpnet.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.util.ReflectionTestUtils;

import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.registry.DefaultPeerRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which executors run the application's code: Boot's threading conventions by default,
 * {@code tcpnet.requests.*} for the pool, the application's own beans when it has them.
 */
class TcpnetExecutorsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpnetAutoConfiguration.class))
		.withPropertyValues("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false");

	@Test
	void requestHandlersRunOnAPoolOfFourPlatformThreadsByDefault() {
		this.runner.run((context) -> {
			ThreadPoolTaskExecutor pool = context.getBean(TcpnetAutoConfiguration.REQUEST_EXECUTOR_BEAN_NAME,
					ThreadPoolTaskExecutor.class);
			assertThat(pool.getCorePoolSize()).isEqualTo(4);
			assertThat(pool.getMaxPoolSize()).isEqualTo(4);
			assertThat(pool.getThreadNamePrefix()).isEqualTo("tcpnet-requests-");
			assertThat(pool.isDaemon()).isTrue();
			assertThat(requestsBound(context.getBean(Mesh.class))).isEqualTo(4 + 10_000);
		});
	}

	@Test
	void poolSizeAndQueueCapacityComeFromTheProperties() {
		this.runner.withPropertyValues("tcpnet.requests.pool.size=7", "tcpnet.requests.queue-capacity=50")
			.run((context) -> {
				ThreadPoolTaskExecutor pool = context.getBean(TcpnetAutoConfiguration.REQUEST_EXECUTOR_BEAN_NAME,
						ThreadPoolTaskExecutor.class);
				assertThat(pool.getMaxPoolSize()).isEqualTo(7);
				Mesh mesh = context.getBean(Mesh.class);
				assertThat(requestsBound(mesh)).isEqualTo(57);
				// Reads pause at half the bound, before any request is refused.
				Object gate = ReflectionTestUtils.getField(ReflectionTestUtils.getField(mesh, "delivery"), "gate");
				assertThat(ReflectionTestUtils.getField(gate, "maxRequests")).isEqualTo(28);
			});
	}

	@Test
	void zeroPoolSizeFailsNamingTheProperty() {
		this.runner.withPropertyValues("tcpnet.requests.pool.size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("tcpnet.requests.pool.size")));
	}

	@Test
	void zeroQueueCapacityFailsNamingTheProperty() {
		this.runner.withPropertyValues("tcpnet.requests.queue-capacity=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("tcpnet.requests.queue-capacity")));
	}

	@Test
	void listenersRunOnAPlatformEventThreadByDefault() {
		this.runner.run((context) -> {
			Thread thread = eventThread(context.getBean(DefaultPeerRegistry.class));
			assertThat(thread.getName()).startsWith("tcpnet-events");
			assertThat(isVirtual(thread)).isFalse();
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void withVirtualThreadsEnabledHandlersAndListenersRunOnVirtualThreads() {
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			SimpleAsyncTaskExecutor executor = context.getBean(TcpnetAutoConfiguration.REQUEST_EXECUTOR_BEAN_NAME,
					SimpleAsyncTaskExecutor.class);
			Thread requestThread = threadOf(executor);
			assertThat(isVirtual(requestThread)).isTrue();
			assertThat(requestThread.getName()).startsWith("tcpnet-requests-");
			// No queue: the bound is the handlers running at once.
			assertThat(requestsBound(context.getBean(Mesh.class))).isEqualTo(10_000);
			Thread eventThread = eventThread(context.getBean(DefaultPeerRegistry.class));
			assertThat(isVirtual(eventThread)).isTrue();
			assertThat(eventThread.getName()).startsWith("tcpnet-events-");
		});
	}

	@Test
	void anExecutorBeanOfTheApplicationRunsTheRequestHandlers() {
		this.runner.withUserConfiguration(OwnExecutors.class).run((context) -> {
			Mesh mesh = context.getBean(Mesh.class);
			Object requests = ReflectionTestUtils.getField(mesh, "requests");
			assertThat(ReflectionTestUtils.getField(requests, "workers"))
				.isSameAs(context.getBean(TcpnetAutoConfiguration.REQUEST_EXECUTOR_BEAN_NAME));
			assertThat(requestsBound(mesh)).isEqualTo(10_000);
		});
	}

	@Test
	void anEventExecutorBeanOfTheApplicationRunsTheListeners() {
		this.runner.withUserConfiguration(OwnExecutors.class)
			.run((context) -> assertThat(
					ReflectionTestUtils.getField(context.getBean(DefaultPeerRegistry.class), "events"))
				.isSameAs(context.getBean(TcpnetAutoConfiguration.EVENT_EXECUTOR_BEAN_NAME)));
	}

	private static int requestsBound(Mesh mesh) {
		Object requests = ReflectionTestUtils.getField(mesh, "requests");
		Integer bound = (Integer) ReflectionTestUtils.getField(requests, "maxInFlight");
		assertThat(bound).isNotNull();
		return bound;
	}

	private static Thread eventThread(DefaultPeerRegistry registry) throws Exception {
		Executor events = (Executor) ReflectionTestUtils.getField(registry, "events");
		assertThat(events).isNotNull();
		return threadOf(events);
	}

	private static Thread threadOf(Executor executor) throws Exception {
		CompletableFuture<Thread> thread = new CompletableFuture<>();
		executor.execute(() -> thread.complete(Thread.currentThread()));
		return thread.get(10, TimeUnit.SECONDS);
	}

	// Thread.isVirtual() is Java 21 API; the build compiles for Java 17.
	private static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnExecutors {

		@Bean
		Executor tcpnetRequestExecutor() {
			return new SimpleAsyncTaskExecutor("own-");
		}

		// One thread: listeners rely on their messages' order.
		@Bean
		ThreadPoolTaskExecutor tcpnetEventExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(1);
			executor.setMaxPoolSize(1);
			executor.setThreadNamePrefix("own-events-");
			return executor;
		}

	}

}
