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
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts objects to and from JSON with a Jackson {@link JsonMapper}: the application's
 * own (Spring Boot's {@code JsonMapper} bean) when there is one.
 *
 * <p>
 * The mapper can be given as a supplier, asked once, at the first conversion: building a
 * {@code JsonMapper} takes tens of milliseconds, which an application that never sends a
 * typed message should not spend while it starts.
 *
 * @since 0.1.0
 */
public class JacksonPayloadConverter implements TcpnetPayloadConverter {

	private final Supplier<JsonMapper> mapper;

	/**
	 * Creates a converter.
	 * @param mapper the mapper
	 */
	public JacksonPayloadConverter(JsonMapper mapper) {
		this(() -> mapper);
	}

	/**
	 * Creates a converter that asks for its mapper at the first conversion, once.
	 * @param mapper supplies the mapper
	 */
	public JacksonPayloadConverter(Supplier<JsonMapper> mapper) {
		this.mapper = SingletonSupplier.of(mapper);
	}

	@Override
	public byte[] toPayload(Object value) {
		try {
			return this.mapper.get().writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new PayloadConversionException(
					"Cannot write " + value.getClass().getName() + " as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public @Nullable Object fromPayload(byte[] payload, Type type) {
		try {
			JsonMapper mapper = this.mapper.get();
			return mapper.readValue(payload, mapper.constructType(type));
		}
		catch (JacksonException ex) {
			throw new PayloadConversionException(
					"Cannot read " + type.getTypeName() + " from JSON: " + ex.getOriginalMessage(), ex);
		}
	}

}
