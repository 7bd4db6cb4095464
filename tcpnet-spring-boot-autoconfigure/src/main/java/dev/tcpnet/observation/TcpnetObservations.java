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

package dev.tcpnet.observation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.tcpnet.MessageDroppedException;
import dev.tcpnet.RequestFailedException;
import dev.tcpnet.message.Headers;

/**
 * Observes what the mesh sends, asks and hands to the application, on one
 * {@link ObservationRegistry} with the application's conventions or the defaults. The
 * mesh and the registry make no observation at all without one of these, so that a node
 * without observability pays nothing for it.
 *
 * @since 0.1.0
 */
public final class TcpnetObservations {

	private final ObservationRegistry registry;

	private final @Nullable TcpnetSendObservationConvention sendConvention;

	private final @Nullable TcpnetRequestObservationConvention requestConvention;

	private final @Nullable TcpnetReceiveObservationConvention receiveConvention;

	private final DefaultTcpnetSendObservationConvention defaultSend;

	private final DefaultTcpnetRequestObservationConvention defaultRequest;

	private final DefaultTcpnetReceiveObservationConvention defaultReceive;

	/**
	 * Creates observations with the default conventions.
	 * @param registry where observations are made
	 * @param includeTopic whether the default conventions tag the topic
	 */
	public TcpnetObservations(ObservationRegistry registry, boolean includeTopic) {
		this(registry, includeTopic, null, null, null);
	}

	/**
	 * Creates observations.
	 * @param registry where observations are made
	 * @param includeTopic whether the default conventions tag the topic
	 * @param send the convention of {@code tcpnet.send}, or {@code null} for the default
	 * @param request the convention of {@code tcpnet.request}, or {@code null} for the
	 * default
	 * @param receive the convention of {@code tcpnet.receive}, or {@code null} for the
	 * default
	 */
	public TcpnetObservations(ObservationRegistry registry, boolean includeTopic,
			@Nullable TcpnetSendObservationConvention send, @Nullable TcpnetRequestObservationConvention request,
			@Nullable TcpnetReceiveObservationConvention receive) {
		this.registry = registry;
		this.sendConvention = send;
		this.requestConvention = request;
		this.receiveConvention = receive;
		this.defaultSend = new DefaultTcpnetSendObservationConvention(includeTopic);
		this.defaultRequest = new DefaultTcpnetRequestObservationConvention(includeTopic);
		this.defaultReceive = new DefaultTcpnetReceiveObservationConvention(includeTopic);
	}

	/**
	 * Observes sending a message until it is acknowledged or dropped.
	 * @param topic the topic
	 * @param headers the application's headers
	 * @param sending sends the message with the headers it is given (the application's
	 * and the observation's)
	 * @return the future {@code sending} returned
	 */
	public CompletableFuture<Void> send(String topic, Headers headers,
			Function<Headers, CompletableFuture<Void>> sending) {
		TcpnetSendContext context = new TcpnetSendContext(topic, headers.toBuilder());
		Observation observation = TcpnetObservationDocumentation.SEND
			.observation(this.sendConvention, this.defaultSend, () -> context, this.registry)
			.start();
		CompletableFuture<Void> future = started(observation, context::setOutcome,
				() -> sending.apply(context.getCarrier().build()));
		future.whenComplete((result, failure) -> stop(observation, context::setOutcome, failure));
		return future;
	}

	/**
	 * Observes a request until its reply, or until it fails.
	 * @param topic the topic
	 * @param headers the application's headers
	 * @param requesting sends the request with the headers it is given
	 * @return the future {@code requesting} returned
	 */
	public CompletableFuture<byte[]> request(String topic, Headers headers,
			Function<Headers, CompletableFuture<byte[]>> requesting) {
		TcpnetRequestContext context = new TcpnetRequestContext(topic, headers.toBuilder());
		Observation observation = TcpnetObservationDocumentation.REQUEST
			.observation(this.requestConvention, this.defaultRequest, () -> context, this.registry)
			.start();
		CompletableFuture<byte[]> future = started(observation, context::setOutcome,
				() -> requesting.apply(context.getCarrier().build()));
		future.whenComplete((reply, failure) -> {
			if (reply != null) {
				context.setResponse(reply);
			}
			stop(observation, context::setOutcome, failure);
		});
		return future;
	}

	/**
	 * Observes handing a message or request to the application; the handling runs in the
	 * observation's scope (so in the span continuing the sender's trace).
	 * @param topic the topic
	 * @param kind {@code message} or {@code request}
	 * @param headers the headers it came with
	 * @param handling hands it over; returns whether the application took it without
	 * failing
	 */
	public void receive(String topic, String kind, Headers headers, BooleanSupplier handling) {
		TcpnetReceiveContext context = new TcpnetReceiveContext(topic, kind, headers);
		Observation observation = TcpnetObservationDocumentation.RECEIVE
			.observation(this.receiveConvention, this.defaultReceive, () -> context, this.registry)
			.start();
		boolean handled = false;
		try (Observation.Scope scope = observation.openScope()) {
			handled = handling.getAsBoolean();
		}
		finally {
			context.setOutcome(handled ? Outcome.SUCCESS : Outcome.ERROR);
			observation.stop();
		}
	}

	private static <T> CompletableFuture<T> started(Observation observation, Consumer<Outcome> outcome,
			Supplier<CompletableFuture<T>> start) {
		try (Observation.Scope scope = observation.openScope()) {
			return start.get();
		}
		catch (RuntimeException ex) {
			stop(observation, outcome, ex);
			throw ex;
		}
	}

	private static void stop(Observation observation, Consumer<Outcome> outcome, @Nullable Throwable failure) {
		if (failure == null) {
			outcome.accept(Outcome.SUCCESS);
		}
		else {
			Throwable cause = unwrap(failure);
			outcome.accept(outcomeOf(cause));
			observation.error(cause);
		}
		observation.stop();
	}

	static Outcome outcomeOf(Throwable failure) {
		if (failure instanceof MessageDroppedException) {
			return Outcome.DROPPED;
		}
		if (failure instanceof TimeoutException) {
			return Outcome.TIMEOUT;
		}
		if (failure instanceof RequestFailedException) {
			return Outcome.FAILED;
		}
		return Outcome.ERROR;
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
