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

import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

/**
 * W3C-style {@code traceparent} propagation for {@code SimpleTracer}, which brings no
 * propagator of its own: the trace id and the span id travel as one header.
 */
final class TraceparentPropagator implements Propagator {

	static final String HEADER = "traceparent";

	private final Tracer tracer;

	TraceparentPropagator(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public List<String> fields() {
		return List.of(HEADER);
	}

	@Override
	public <C> void inject(TraceContext context, @Nullable C carrier, Setter<C> setter) {
		setter.set(carrier, HEADER, "00-" + context.traceId() + "-" + context.spanId() + "-01");
	}

	@Override
	public <C> Span.Builder extract(C carrier, Getter<C> getter) {
		String value = getter.get(carrier, HEADER);
		if (value == null) {
			return this.tracer.spanBuilder();
		}
		String[] parts = value.split("-");
		TraceContext parent = this.tracer.traceContextBuilder()
			.traceId(parts[1])
			.spanId(parts[2])
			.sampled(true)
			.build();
		return this.tracer.spanBuilder().setParent(parent);
	}

}
