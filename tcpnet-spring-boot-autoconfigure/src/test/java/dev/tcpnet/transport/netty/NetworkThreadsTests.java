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

package dev.tcpnet.transport.netty;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NetworkThreads}: a transport's network threads are told apart from the
 * application's, and from another transport's.
 */
class NetworkThreadsTests {

	@Test
	void onlyTheThreadsOfTheFactoryAreItsNetworkThreads() throws Exception {
		NetworkThreads threads = new NetworkThreads();
		NetworkThreads otherTransport = new NetworkThreads();
		MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, threads, NioIoHandler.newFactory());
		MultiThreadIoEventLoopGroup other = new MultiThreadIoEventLoopGroup(1, otherTransport,
				NioIoHandler.newFactory());
		MultiThreadIoEventLoopGroup plain = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("plain"),
				NioIoHandler.newFactory());
		try {
			assertThat(threads.isCurrent()).isFalse();
			assertThat(askedOnEveryLoopOf(group, threads)).containsExactly(true, true);
			assertThat(askedOnEveryLoopOf(other, threads)).containsOnly(false);
			assertThat(askedOnEveryLoopOf(plain, threads)).containsOnly(false);
			assertThat(CompletableFuture.supplyAsync(threads::isCurrent).get(10, TimeUnit.SECONDS)).isFalse();
		}
		finally {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
			other.shutdownGracefully(0, 1, TimeUnit.SECONDS);
			plain.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
	}

	@Test
	void theThreadsAreNamedDaemons() throws Exception {
		NetworkThreads threads = new NetworkThreads();
		Thread thread = threads.newThread(() -> {
		});
		assertThat(thread.getName()).startsWith("tcpnet-io-");
		assertThat(thread.isDaemon()).isTrue();
	}

	private static List<Boolean> askedOnEveryLoopOf(EventExecutorGroup group, NetworkThreads threads) throws Exception {
		List<Boolean> answers = new ArrayList<>();
		for (EventExecutor loop : group) {
			answers.add(loop.submit(threads::isCurrent).get(10, TimeUnit.SECONDS));
		}
		return answers;
	}

}
