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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.observation.TcpnetObservations;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.transport.Envelope;

/**
 * Both sides of request/reply: the requests this node waits on (by id, with their
 * timeouts) and the handlers that answer the requests of peers, run on the request
 * executor. The bytes of requests waiting for a handler count as waiting for the
 * application, so a flood of large requests to a slow handler pauses reads like slow
 * listeners do.
 *
 * <p>
 * A request counts from its hand-off to the executor until its handler returns: with a
 * pool, the threads plus its queue; with virtual threads, which never queue, the handlers
 * running at once. Beyond {@code maxInFlight} a request is refused at once. A request is
 * acknowledged when it arrives, so the requester's buffer does not bound this count.
 */
final class Requests {

	private static final Logger logger = LoggerFactory.getLogger(Requests.class);

	private static final byte[] NO_PAYLOAD = new byte[0];

	/**
	 * Requests the default request executor may hold: its four threads and 10,000 waiting
	 * for them ({@code tcpnet.requests.*}).
	 */
	static final int DEFAULT_MAX_IN_FLIGHT = 4 + 10_000;

	private final Map<String, RequestHandler> handlers = new ConcurrentHashMap<>();

	private final Map<Long, Waiting> waiting = new ConcurrentHashMap<>();

	// From a random start: a peer may still hold replies to a former incarnation of this
	// node,
	// whose ids must not be taken for this incarnation's.
	private final AtomicLong ids;

	private final AtomicLong lastRefusalLogged = new AtomicLong();

	private final AtomicLong queued = new AtomicLong();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final Scheduler timer;

	private final Executor workers;

	private final Executor callbacks;

	private final int maxInFlight;

	private Runnable consumed = () -> {
	};

	private volatile boolean closed;

	private volatile @Nullable TcpnetObservations observations;

	Requests(List<RequestHandler> handlers, Scheduler timer, Executor workers, Executor callbacks, long firstId,
			int maxInFlight) {
		this.maxInFlight = maxInFlight;
		this.ids = new AtomicLong(firstId);
		handlers.forEach(this::add);
		this.timer = timer;
		this.workers = workers;
		this.callbacks = callbacks;
	}

	/**
	 * Adds the handler of a topic.
	 * @throws IllegalStateException if the topic has one
	 */
	void add(RequestHandler handler) {
		RequestHandler other = this.handlers.putIfAbsent(handler.topic(), handler);
		if (other != null) {
			throw new IllegalStateException(
					"Two request handlers for topic '" + handler.topic() + "': " + other + " and " + handler);
		}
	}

	/** Runs after a handler returned. */
	void onConsumed(Runnable consumed) {
		this.consumed = consumed;
	}

	/**
	 * Starts waiting for a reply; the future fails with a timeout unless a reply comes.
	 */
	Asked await(NodeId nodeId, String topic, Duration timeout) {
		TcpnetFuture<byte[]> reply = new TcpnetFuture<>(this.callbacks);
		long id = this.ids.incrementAndGet();
		// Put before the timeout is scheduled: a timeout due at once must find it.
		Waiting waiting = new Waiting(id, nodeId, reply);
		this.waiting.put(id, waiting);
		waiting.timeout = this.timer.schedule(
				() -> failed(id, new TimeoutException(
						"No reply from " + nodeId + " on '" + topic + "' within " + timeout.toMillis() + " ms")),
				timeout.toNanos());
		return new Asked(id, reply);
	}

	/**
	 * Completes the request a reply answers, if it was asked of the peer that replied.
	 */
	void replied(NodeId from, Envelope reply) {
		Waiting waiting = this.waiting.get(reply.correlationId());
		if (waiting == null || !waiting.asked().equals(from)) {
			logger.debug("Ignoring a reply from {} to request {}: not waiting for it from that peer", from,
					reply.correlationId());
			return;
		}
		finished(waiting);
		if (reply.kind() == Envelope.Kind.REPLY) {
			TcpnetFuture.completeOn(waiting.reply(), reply.payload(), null);
		}
		else {
			TcpnetFuture.completeOn(waiting.reply(), null, RemoteFailure.read(reply.payload()));
		}
	}

	/** The request failed before a reply could come (it was dropped). */
	void failed(long id, Throwable failure) {
		Waiting waiting = this.waiting.get(id);
		if (waiting != null) {
			finished(waiting);
			TcpnetFuture.completeOn(waiting.reply(), null, failure);
		}
	}

	private void finished(Waiting waiting) {
		this.waiting.remove(waiting.id());
		// Else every answered request would keep its timeout task queued until it is due.
		waiting.timeout.cancel();
	}

	/** Observes the answering of requests from now on ({@code null}: no more). */
	void observeWith(@Nullable TcpnetObservations observations) {
		this.observations = observations;
	}

	/**
	 * Answers a peer's request, on a worker thread unless its handler never blocks, then
	 * hands the reply to {@code reply}.
	 */
	void answer(Peer from, Envelope request, Replier reply) {
		RequestHandler handler = this.handlers.get(request.topic());
		if (handler == null) {
			reply.send(Envelope.Kind.REPLY_ERROR, bytes("No handler for topic '" + request.topic() + "' on this node"));
		}
		else if (handler.isNonBlocking()) {
			answer(handler, from, request, reply);
		}
		else if (this.closed || this.queued.get() >= this.maxInFlight) {
			reply.send(Envelope.Kind.REPLY_ERROR, bytes(refused(from, request, false)));
		}
		else {
			queue(handler, from, request, reply);
		}
	}

	private void queue(RequestHandler handler, Peer from, Envelope request, Replier reply) {
		int size = request.payload().length;
		this.queued.incrementAndGet();
		this.queuedBytes.addAndGet(size);
		try {
			this.workers.execute(() -> {
				try {
					answer(handler, from, request, reply);
				}
				finally {
					dequeued(size);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			dequeued(size);
			reply.send(Envelope.Kind.REPLY_ERROR, bytes(refused(from, request, true)));
		}
	}

	private void dequeued(int size) {
		this.queued.decrementAndGet();
		this.queuedBytes.addAndGet(-size);
		this.consumed.run();
	}

	/** Requests handed to the executor whose handler has not returned yet. */
	int waitingCount() {
		return (int) this.queued.get();
	}

	/** Payload bytes of those requests. */
	long waitingBytes() {
		return this.queuedBytes.get();
	}

	/**
	 * Says why a request is refused, and logs the refusal at most once a second: under a
	 * flood, a line each would flood the log.
	 * @param byExecutor whether the request executor refused it, below this node's own
	 * bound (an executor with a smaller queue, or one that is shutting down)
	 */
	private String refused(Peer from, Envelope request, boolean byExecutor) {
		if (this.closed) {
			return "This node is stopping";
		}
		long now = this.timer.nanoTime();
		long last = this.lastRefusalLogged.get();
		boolean due = last == 0 || now - last >= 1_000_000_000L;
		boolean log = due && this.lastRefusalLogged.compareAndSet(last, now);
		if (byExecutor) {
			if (log) {
				logger.warn(
						"Refusing request '{}' from peer {}: the request executor refused it with {} requests "
								+ "waiting for or running in the handlers' threads (tcpnet.requests.*)",
						request.topic(), from.nodeId(), this.queued.get());
			}
			return "The request executor on this node refused the request";
		}
		if (log) {
			logger.warn("Refusing request '{}' from peer {}: {} requests already wait for or run in the handlers' "
					+ "threads (tcpnet.requests.*)", request.topic(), from.nodeId(), this.maxInFlight);
		}
		return "Too many requests waiting for handlers on this node (" + this.maxInFlight + ")";
	}

	private void answer(RequestHandler handler, Peer from, Envelope request, Replier reply) {
		TcpnetObservations observations = this.observations;
		if (observations == null) {
			handle(handler, from, request, reply);
		}
		else {
			// The handler runs in its observation: its trace goes on with it. An
			// asynchronous answer is observed until the handler hands it over.
			observations.receive(request.topic(), "request", request.headers(),
					() -> handle(handler, from, request, reply));
		}
	}

	/**
	 * Answers a request, now or when the handler's stage completes; returns whether the
	 * handler took it without failing at once.
	 */
	private static boolean handle(RequestHandler handler, Peer from, Envelope request, Replier reply) {
		CompletionStage<byte[]> answer;
		try {
			answer = handler.handleAsync(from, request.payload(), request.headers());
		}
		catch (Throwable ex) {
			failed(from, request, reply, ex);
			return false;
		}
		// Completed already for most handlers: then this replies on this thread at once.
		answer.whenComplete((payload, failure) -> {
			if (failure != null) {
				failed(from, request, reply, RemoteFailure.unwrap(failure));
			}
			else {
				reply.send(Envelope.Kind.REPLY, (payload != null) ? payload : NO_PAYLOAD);
			}
		});
		return true;
	}

	private static void failed(Peer from, Envelope request, Replier reply, Throwable failure) {
		if (failure instanceof Error) {
			// Answered all the same: the requester must not wait out its timeout for it.
			logger.warn("Request handler for '{}' failed on a request from {}", request.topic(), from.nodeId(),
					failure);
		}
		else {
			logger.debug("Request handler for '{}' failed", request.topic(), failure);
		}
		reply.send(Envelope.Kind.REPLY_ERROR, RemoteFailure.write(failure));
	}

	void close() {
		this.closed = true;
		this.waiting.values().forEach((waiting) -> {
			waiting.timeout.cancel();
			TcpnetFuture.completeOn(waiting.reply(), null, new IllegalStateException("tcpnet stopped"));
		});
		this.waiting.clear();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A request sent, and the future of its reply.
	 *
	 * @param id the request's id
	 * @param reply the future of its reply
	 */
	record Asked(long id, TcpnetFuture<byte[]> reply) {
	}

	/** A request waiting for its reply from the peer it was asked of. */
	private static final class Waiting {

		private final long id;

		private final NodeId asked;

		private final CompletableFuture<byte[]> reply;

		private volatile Scheduler.Cancellable timeout = Scheduler.Cancellable.NONE;

		Waiting(long id, NodeId asked, CompletableFuture<byte[]> reply) {
			this.id = id;
			this.asked = asked;
			this.reply = reply;
		}

		long id() {
			return this.id;
		}

		NodeId asked() {
			return this.asked;
		}

		CompletableFuture<byte[]> reply() {
			return this.reply;
		}

	}

	@FunctionalInterface
	interface Replier {

		void send(Envelope.Kind kind, byte[] payload);

	}

}
