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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The future of a send or a request: it completes on tcpnet's network or timer threads,
 * and application code must never run there (a
 * {@code send(..).thenAccept(repository::save)} would stall every peer of that thread).
 * So every stage chained to it runs on the application's executor, as if chained with the
 * {@code ...Async(fn, executor)} variant, and a thread waiting in {@code get()} or
 * {@code join()} is woken directly, without a hand-off. Such a future is completed on the
 * completing thread only while nothing is chained to it; otherwise {@link #completeOn}
 * hands the completion to the executor.
 *
 * @param <T> the value
 */
final class TcpnetFuture<T> extends CompletableFuture<T> {

	private final Executor executor;

	// Only a future tcpnet completes itself is woken by its own complete(); a stage
	// chained to
	// it is completed inside CompletableFuture, and its waiters wait the usual way.
	private final boolean root;

	TcpnetFuture(Executor executor) {
		this(new InlineWhileCompleting(executor), true);
	}

	private TcpnetFuture(Executor executor, boolean root) {
		this.executor = executor;
		this.root = root;
	}

	/**
	 * Completes the future without running chained stages on this thread.
	 * @param future the future
	 * @param value its value
	 * @param failure its failure, or {@code null}
	 * @param <T> the value's type
	 */
	static <T> void completeOn(CompletableFuture<T> future, @Nullable T value, @Nullable Throwable failure) {
		Executor executor = (future instanceof TcpnetFuture<T> ours) ? ours.executor : null;
		if (executor == null || future.getNumberOfDependents() == 0) {
			complete(future, value, failure);
			return;
		}
		executeOrRun(executor, () -> InlineWhileCompleting.run(() -> complete(future, value, failure)));
	}

	/**
	 * Completes every future with {@code null}, in order, without running chained stages
	 * on this thread: those with chained stages in one task on the executor, not one task
	 * each. An acknowledgement settles hundreds of sends at high rates, and a hand-off
	 * per send (a queue offer and a thread wake-up) cost more than the rest of the send.
	 * @param futures the futures, all of one executor
	 */
	static void completeAllOn(List<CompletableFuture<Void>> futures) {
		Executor executor = null;
		List<CompletableFuture<Void>> chained = null;
		for (CompletableFuture<Void> future : futures) {
			if (future instanceof TcpnetFuture<Void> ours && future.getNumberOfDependents() > 0) {
				if (chained == null) {
					chained = new ArrayList<>();
					executor = ours.executor;
				}
				chained.add(future);
			}
			else {
				future.complete(null);
			}
		}
		if (chained != null) {
			List<CompletableFuture<Void>> toComplete = chained;
			executeOrRun(executor,
					() -> InlineWhileCompleting.run(() -> toComplete.forEach((future) -> future.complete(null))));
		}
	}

	// An executor shut down for the application's stop (Spring's do so when the context
	// closes, before this node stops) refuses tasks. The completions then run on the
	// common pool: never lost, and still never on the completing thread, which may be a
	// network thread.
	private static void executeOrRun(Executor executor, Runnable completions) {
		try {
			executor.execute(completions);
		}
		catch (RejectedExecutionException ex) {
			ForkJoinPool.commonPool().execute(completions);
		}
	}

	private static <T> void complete(CompletableFuture<T> future, @Nullable T value, @Nullable Throwable failure) {
		if (failure != null) {
			future.completeExceptionally(failure);
		}
		else {
			future.complete(value);
		}
	}

	@Override
	public <U> CompletableFuture<U> newIncompleteFuture() {
		return new TcpnetFuture<>(this.executor, false);
	}

	@Override
	public Executor defaultExecutor() {
		return this.executor;
	}

	// Waiting without becoming a dependent: a waiting thread is woken by whoever
	// completes.

	@Override
	public T get() throws InterruptedException, ExecutionException {
		if (this.root) {
			awaitDone();
		}
		return super.get();
	}

	@Override
	public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
		if (!this.root) {
			return super.get(timeout, unit);
		}
		long deadline = System.nanoTime() + unit.toNanos(timeout);
		synchronized (this) {
			long left;
			while (!isDone() && (left = deadline - System.nanoTime()) > 0) {
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
		}
		return super.get(0, TimeUnit.NANOSECONDS);
	}

	@Override
	public T join() {
		if (!this.root) {
			return super.join();
		}
		boolean interrupted = false;
		while (!isDone()) {
			try {
				awaitDone();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		return super.join();
	}

	private void awaitDone() throws InterruptedException {
		synchronized (this) {
			while (!isDone()) {
				wait();
			}
		}
	}

	@Override
	public boolean complete(@Nullable T value) {
		boolean completed = super.complete(value);
		wakeWaiters();
		return completed;
	}

	@Override
	public boolean completeExceptionally(Throwable failure) {
		boolean completed = super.completeExceptionally(failure);
		wakeWaiters();
		return completed;
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		wakeWaiters();
		return cancelled;
	}

	@Override
	public void obtrudeValue(@Nullable T value) {
		super.obtrudeValue(value);
		wakeWaiters();
	}

	@Override
	public void obtrudeException(Throwable failure) {
		super.obtrudeException(failure);
		wakeWaiters();
	}

	private synchronized void wakeWaiters() {
		notifyAll();
	}

	// Every stage chained without an executor runs on the application's executor.

	@Override
	public <U> CompletableFuture<U> thenApply(Function<? super T, ? extends U> fn) {
		return thenApplyAsync(fn, this.executor);
	}

	@Override
	public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
		return thenAcceptAsync(action, this.executor);
	}

	@Override
	public CompletableFuture<Void> thenRun(Runnable action) {
		return thenRunAsync(action, this.executor);
	}

	@Override
	public <U, V> CompletableFuture<V> thenCombine(CompletionStage<? extends U> other,
			BiFunction<? super T, ? super U, ? extends V> fn) {
		return thenCombineAsync(other, fn, this.executor);
	}

	@Override
	public <U> CompletableFuture<Void> thenAcceptBoth(CompletionStage<? extends U> other,
			BiConsumer<? super T, ? super U> action) {
		return thenAcceptBothAsync(other, action, this.executor);
	}

	@Override
	public CompletableFuture<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
		return runAfterBothAsync(other, action, this.executor);
	}

	@Override
	public <U> CompletableFuture<U> applyToEither(CompletionStage<? extends T> other, Function<? super T, U> fn) {
		return applyToEitherAsync(other, fn, this.executor);
	}

	@Override
	public CompletableFuture<Void> acceptEither(CompletionStage<? extends T> other, Consumer<? super T> action) {
		return acceptEitherAsync(other, action, this.executor);
	}

	@Override
	public CompletableFuture<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
		return runAfterEitherAsync(other, action, this.executor);
	}

	@Override
	public <U> CompletableFuture<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
		return thenComposeAsync(fn, this.executor);
	}

	@Override
	public <U> CompletableFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
		return handleAsync(fn, this.executor);
	}

	@Override
	public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
		return whenCompleteAsync(action, this.executor);
	}

	@Override
	public CompletableFuture<T> exceptionally(Function<Throwable, ? extends T> fn) {
		return exceptionallyAsync(fn, this.executor);
	}

	@Override
	public CompletableFuture<T> exceptionallyCompose(Function<Throwable, ? extends CompletionStage<T>> fn) {
		return exceptionallyComposeAsync(fn, this.executor);
	}

	/**
	 * The application's executor, except in a task that completes futures on it: the
	 * stages those completions trigger run in that task, in order, instead of each in a
	 * task of its own. Without it, every send with a chained stage cost two hand-offs
	 * (the completion, then the stage), each a queue offer and a thread wake-up.
	 */
	private record InlineWhileCompleting(Executor delegate) implements Executor {

		private static final ThreadLocal<Boolean> completing = new ThreadLocal<>();

		static void run(Runnable completions) {
			completing.set(Boolean.TRUE);
			try {
				completions.run();
			}
			finally {
				completing.remove();
			}
		}

		@Override
		public void execute(Runnable task) {
			if (completing.get() != null) {
				task.run();
			}
			else {
				this.delegate.execute(task);
			}
		}

	}

}
