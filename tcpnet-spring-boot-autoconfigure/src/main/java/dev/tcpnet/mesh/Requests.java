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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.tcpnet.RequestFailedException;
import dev.tcpnet.RequestHandler;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.peer.Peer;
import dev.tcpnet.transport.Envelope;

/**
 * Both sides of request/reply: the requests this node waits on (by id, with their
 * timeouts) and the handlers that answer the requests of peers, run on their own threads.
 */
final class Requests {

	private static final Logger logger = LoggerFactory.getLogger(Requests.class);

	/** Threads that run the handlers that may block. */
	static final int THREADS = 4;

	/**
	 * Requests that may wait for those threads; beyond, a request is refused at once. A
	 * request is acknowledged when it arrives, so the requester's buffer does not bound
	 * this queue.
	 */
	static final int MAX_WAITING = 10_000;

	private final Map<String, RequestHandler> handlers;

	private final Map<Long, Waiting> waiting = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final AtomicLong lastRefusalLogged = new AtomicLong();

	private final ScheduledExecutorService timer;

	private final ExecutorService workers;

	Requests(List<RequestHandler> handlers, ScheduledExecutorService timer) {
		this.handlers = handlers.stream().collect(Collectors.toMap(RequestHandler::topic, Function.identity()));
		this.timer = timer;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("tcpnet-requests-");
		threads.setDaemon(true);
		this.workers = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(MAX_WAITING), threads);
	}

	/**
	 * Starts waiting for a reply; the future fails with a timeout unless a reply comes.
	 * @param reply the future to complete with the reply
	 * @param nodeId the peer asked
	 * @param topic the request's topic
	 * @param timeout how long to wait for the reply
	 * @return the request's correlation id
	 */
	long await(CompletableFuture<byte[]> reply, NodeId nodeId, String topic, Duration timeout) {
		long id = this.ids.incrementAndGet();
		this.waiting.put(id, new Waiting(nodeId, reply));
		ScheduledFuture<?> timeoutDue = this.timer.schedule(
				() -> reply.completeExceptionally(new TimeoutException(
						"No reply from " + nodeId + " on '" + topic + "' within " + timeout.toMillis() + " ms")),
				timeout.toMillis(), TimeUnit.MILLISECONDS);
		reply.whenComplete((payload, failure) -> {
			this.waiting.remove(id);
			// Else every answered request would keep its timeout task queued until it is
			// due.
			timeoutDue.cancel(false);
		});
		return id;
	}

	/**
	 * Completes the request a reply answers, if it was asked of the peer that replied.
	 * @param from the peer that replied
	 * @param reply the reply envelope
	 */
	void replied(NodeId from, Envelope reply) {
		Waiting waiting = this.waiting.get(reply.correlationId());
		if (waiting == null || !waiting.asked().equals(from)) {
			logger.debug("Ignoring a reply from {} to request {}: not waiting for it from that peer", from,
					reply.correlationId());
			return;
		}
		CompletableFuture<byte[]> waiter = waiting.reply();
		if (reply.kind() == Envelope.Kind.REPLY) {
			waiter.complete(reply.payload());
		}
		else {
			waiter
				.completeExceptionally(new RequestFailedException(new String(reply.payload(), StandardCharsets.UTF_8)));
		}
	}

	/**
	 * Answers a peer's request, on a worker thread unless its handler never blocks, then
	 * hands the reply to {@code reply}.
	 * @param from the peer that asked
	 * @param request the request envelope
	 * @param reply where the reply goes
	 */
	void answer(Peer from, Envelope request, Replier reply) {
		RequestHandler handler = this.handlers.get(request.topic());
		if (handler == null) {
			reply.send(Envelope.Kind.REPLY_ERROR, bytes("No handler for topic '" + request.topic() + "' on this node"));
		}
		else if (handler.isNonBlocking()) {
			answer(handler, from, request, reply);
		}
		else {
			try {
				this.workers.execute(() -> answer(handler, from, request, reply));
			}
			catch (RejectedExecutionException ex) {
				reply.send(Envelope.Kind.REPLY_ERROR, bytes(refused(from, request)));
			}
		}
	}

	/**
	 * Says why a request was refused, and logs a refusal for lack of room at most once a
	 * second: under a flood, a line each would flood the log.
	 * @param from the peer that asked
	 * @param request the refused request
	 * @return the reason, for the requester
	 */
	private String refused(Peer from, Envelope request) {
		if (this.workers.isShutdown()) {
			return "This node is stopping";
		}
		long now = System.nanoTime();
		long last = this.lastRefusalLogged.get();
		boolean due = last == 0 || now - last >= TimeUnit.SECONDS.toNanos(1);
		if (due && this.lastRefusalLogged.compareAndSet(last, now)) {
			logger.warn("Refusing request '{}' from peer {}: {} requests already wait for the handlers' threads",
					request.topic(), from.nodeId(), MAX_WAITING);
		}
		return "Too many requests waiting for handlers on this node (" + MAX_WAITING + ")";
	}

	private static void answer(RequestHandler handler, Peer from, Envelope request, Replier reply) {
		try {
			reply.send(Envelope.Kind.REPLY, handler.handle(from, request.payload()));
		}
		catch (Exception ex) {
			logger.debug("Request handler for '{}' failed", request.topic(), ex);
			reply.send(Envelope.Kind.REPLY_ERROR, bytes(String.valueOf(ex.getMessage())));
		}
	}

	void close() {
		this.workers.shutdownNow();
		this.waiting.values()
			.forEach((waiting) -> waiting.reply().completeExceptionally(new IllegalStateException("tcpnet stopped")));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** A request waiting for its reply from the peer it was asked of. */
	private record Waiting(NodeId asked, CompletableFuture<byte[]> reply) {
	}

	@FunctionalInterface
	interface Replier {

		void send(Envelope.Kind kind, byte[] payload);

	}

}
