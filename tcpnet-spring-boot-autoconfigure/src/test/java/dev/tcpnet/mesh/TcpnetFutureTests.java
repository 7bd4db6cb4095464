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

package dev.tcpnet.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TcpnetFuture}: where the stages chained to tcpnet's futures run.
 */
class TcpnetFutureTests {

	private final ExecutorService pool = Executors.newFixedThreadPool(2, (task) -> new Thread(task, "app-executor"));

	private final AtomicInteger tasks = new AtomicInteger();

	private final Executor executor = (task) -> {
		this.tasks.incrementAndGet();
		this.pool.execute(task);
	};

	@AfterEach
	void stopPool() throws InterruptedException {
		this.pool.shutdown();
		this.pool.awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void anAcknowledgementOfManySendsRunsTheirStagesInOneTaskInOrderOnTheExecutor() {
		List<CompletableFuture<Void>> futures = new ArrayList<>();
		List<Integer> order = new CopyOnWriteArrayList<>();
		List<String> threads = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 500; i++) {
			TcpnetFuture<Void> future = new TcpnetFuture<>(this.executor);
			int number = i;
			future.whenComplete((ok, failure) -> {
				order.add(number);
				threads.add(Thread.currentThread().getName());
			}).thenRun(() -> threads.add(Thread.currentThread().getName()));
			futures.add(future);
		}
		TcpnetFuture.completeAllOn(futures);
		await().until(() -> threads.size() == 1000);
		assertThat(order).hasSize(500).isSorted();
		assertThat(threads).containsOnly("app-executor");
		assertThat(this.tasks).hasValue(1);
	}

	@Test
	void futuresWhoseExecutorRefusesTasksStillCompleteWithTheirStagesOffTheCompletingThread() {
		Executor stopped = (task) -> {
			throw new RejectedExecutionException("stopped");
		};
		TcpnetFuture<Void> failed = new TcpnetFuture<>(stopped);
		TcpnetFuture<Void> acknowledged = new TcpnetFuture<>(stopped);
		List<String> stages = new CopyOnWriteArrayList<>();
		List<String> threads = new CopyOnWriteArrayList<>();
		failed.whenComplete((result, failure) -> {
			stages.add("failed");
			threads.add(Thread.currentThread().getName());
		});
		acknowledged.thenRun(() -> {
			stages.add("acknowledged");
			threads.add(Thread.currentThread().getName());
		});
		TcpnetFuture.completeOn(failed, null, new IllegalStateException("dropped"));
		TcpnetFuture.completeAllOn(List.of(acknowledged));
		await().untilAsserted(() -> {
			assertThat(failed).isCompletedExceptionally();
			assertThat(acknowledged).isCompleted();
			assertThat(stages).containsExactlyInAnyOrder("failed", "acknowledged");
			assertThat(threads).noneMatch(Thread.currentThread().getName()::equals);
		});
	}

	@Test
	void futuresNobodyChainedToCompleteOnTheCompletingThread() {
		TcpnetFuture<Void> future = new TcpnetFuture<>(this.executor);
		TcpnetFuture.completeAllOn(List.of(future));
		assertThat(future).isCompleted();
		assertThat(this.tasks).hasValue(0);
	}

	@Test
	void aStageChainedOutsideACompletionStillRunsOnTheExecutor() {
		TcpnetFuture<Void> future = new TcpnetFuture<>(this.executor);
		List<String> threads = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> stage = future.thenRun(() -> threads.add(Thread.currentThread().getName()));
		// Completed by a thread that is not in a completion task: the stage is handed to
		// the executor, not run here.
		future.complete(null);
		stage.join();
		assertThat(threads).containsExactly("app-executor");
	}

}
