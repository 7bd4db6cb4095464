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

package dev.tcpnet.convert;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * The built-in converter: {@code byte[]} as it is, {@code String} as UTF-8, and every
 * other type by a delegate (JSON when Jackson is on the class path), or not at all. An
 * empty payload converts to {@code null} for every other type.
 *
 * @since 0.1.0
 */
public class DefaultPayloadConverter implements TcpnetPayloadConverter {

	private final @Nullable TcpnetPayloadConverter objects;

	/**
	 * Creates a converter of {@code byte[]} and {@code String} only.
	 */
	public DefaultPayloadConverter() {
		this(null);
	}

	/**
	 * Creates a converter that hands every type other than {@code byte[]} and
	 * {@code String} to a delegate.
	 * @param objects the delegate, or {@code null} to refuse other types
	 */
	public DefaultPayloadConverter(@Nullable TcpnetPayloadConverter objects) {
		this.objects = objects;
	}

	@Override
	public byte[] toPayload(Object value) {
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		if (value instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		return objects(value.getClass()).toPayload(value);
	}

	@Override
	public @Nullable Object fromPayload(byte[] payload, Type type) {
		if (type == byte[].class || type == Object.class) {
			return payload;
		}
		if (type == String.class || type == CharSequence.class) {
			return new String(payload, StandardCharsets.UTF_8);
		}
		if (payload.length == 0) {
			// What a handler that returns nothing replies; no JSON document is empty.
			return null;
		}
		return objects(type).fromPayload(payload, type);
	}

	private TcpnetPayloadConverter objects(Type type) {
		if (this.objects == null) {
			throw new PayloadConversionException("No converter for " + type.getTypeName()
					+ ": only byte[] and String convert without Jackson on the class path");
		}
		return this.objects;
	}

}
