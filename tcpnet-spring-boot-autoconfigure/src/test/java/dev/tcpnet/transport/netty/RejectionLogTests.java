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

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limit of refusal warnings, attacked as 32 connections refused at once on
 * several event loops would: one warning per host.
 */
class RejectionLogTests {

	private static final int THREADS = 4;

	@Test
	void refusalsOfOneHostOnSeveralThreadsAtOnceWarnOnce() throws Exception {
		for (int round = 0; round < 200; round++) {
			RejectionLog log = new RejectionLog();
			AtomicInteger warnings = new AtomicInteger();
			CyclicBarrier start = new CyclicBarrier(THREADS);
			Thread[] threads = new Thread[THREADS];
			for (int i = 0; i < THREADS; i++) {
				threads[i] = new Thread(() -> {
					try {
						start.await();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					if (log.shouldWarn("127.0.0.1")) {
						warnings.incrementAndGet();
					}
				});
				threads[i].start();
			}
			for (Thread thread : threads) {
				thread.join();
			}
			assertThat(warnings).as("warnings in round %d", round).hasValue(1);
		}
	}

	@Test
	void anotherHostWarnsToo() {
		RejectionLog log = new RejectionLog();
		assertThat(log.shouldWarn("10.0.0.1")).isTrue();
		assertThat(log.shouldWarn("10.0.0.1")).isFalse();
		assertThat(log.shouldWarn("10.0.0.2")).isTrue();
	}

}
