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

import io.micrometer.common.KeyValues;

import dev.tcpnet.observation.TcpnetObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default convention of the {@code tcpnet.request} observation: its name, the topic
 * and what it does as the contextual name (a span's name), and low-cardinality keys only:
 * outcome, kind, and the topic when asked for.
 *
 * @since 0.1.0
 */
public class DefaultTcpnetRequestObservationConvention implements TcpnetRequestObservationConvention {

	private final boolean includeTopic;

	/**
	 * Creates a convention whose {@code tcpnet.topic} key is always {@code none}.
	 */
	public DefaultTcpnetRequestObservationConvention() {
		this(false);
	}

	/**
	 * Creates a convention.
	 * @param includeTopic whether the {@code tcpnet.topic} key holds the topic; only for
	 * applications with a bounded set of topics
	 */
	public DefaultTcpnetRequestObservationConvention(boolean includeTopic) {
		this.includeTopic = includeTopic;
	}

	@Override
	public String getName() {
		return "tcpnet.request";
	}

	@Override
	public String getContextualName(TcpnetRequestContext context) {
		return context.getTopic() + " request";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TcpnetRequestContext context) {
		return KeyValues.of(LowCardinalityKeyNames.OUTCOME.withValue(context.getOutcome().name()),
				LowCardinalityKeyNames.KIND.withValue("request"),
				LowCardinalityKeyNames.TOPIC.withValue(this.includeTopic ? context.getTopic() : "none"));
	}

}
