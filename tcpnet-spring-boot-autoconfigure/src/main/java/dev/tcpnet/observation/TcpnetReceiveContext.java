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

import io.micrometer.observation.transport.ReceiverContext;

import dev.tcpnet.message.Headers;

/**
 * A message or request received, observed while the application handles it: its carrier
 * is the headers it came with, so that a tracing handler can continue the sender's trace.
 *
 * @since 0.1.0
 */
public class TcpnetReceiveContext extends ReceiverContext<Headers> {

	private final String topic;

	private final String kind;

	private Outcome outcome = Outcome.UNKNOWN;

	/**
	 * Creates a context.
	 * @param topic the topic
	 * @param kind {@code message} or {@code request}
	 * @param headers the headers it came with
	 */
	public TcpnetReceiveContext(String topic, String kind, Headers headers) {
		super((carrier, key) -> carrier.getString(key));
		this.topic = topic;
		this.kind = kind;
		setCarrier(headers);
	}

	/**
	 * Returns the topic.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

	/**
	 * Returns what was received: {@code message} or {@code request}.
	 * @return {@code message} or {@code request}
	 */
	public String getReceivedKind() {
		return this.kind;
	}

	/**
	 * Returns how it ended.
	 * @return the outcome
	 */
	public Outcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Records how it ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(Outcome outcome) {
		this.outcome = outcome;
	}

}
