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

import io.micrometer.observation.transport.SenderContext;

import dev.tcpnet.message.Headers;

/**
 * Sending a message, observed: its carrier is the builder of the headers that will travel
 * with it, so that a tracing handler can add the trace context.
 *
 * @since 0.1.0
 */
public class TcpnetSendContext extends SenderContext<Headers.Builder> {

	private final String topic;

	private Outcome outcome = Outcome.UNKNOWN;

	/**
	 * Creates a context.
	 * @param topic the topic
	 * @param headers the headers given by the application, to be completed
	 */
	public TcpnetSendContext(String topic, Headers.Builder headers) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.set(key, value);
			}
		});
		this.topic = topic;
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
