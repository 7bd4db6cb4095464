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

import org.jspecify.annotations.Nullable;

/**
 * Converts the objects the application sends ({@code Tcpnet.send(nodeId, topic,
 * Object)}, replies of {@code @TcpnetRequestHandler} methods) to payload bytes, and
 * payloads to the types of {@code @TcpnetListener} and {@code @TcpnetRequestHandler}
 * parameters and of typed replies. The auto-configuration provides a
 * {@link DefaultPayloadConverter}; a bean of this type replaces it.
 *
 * <p>
 * Called from the sender's thread, the {@code tcpnet-events} thread and tcpnet's request
 * threads at once: implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface TcpnetPayloadConverter {

	/**
	 * Converts an object to the payload to send.
	 * @param value the object
	 * @return its payload
	 * @throws PayloadConversionException if it cannot be converted
	 */
	byte[] toPayload(Object value);

	/**
	 * Converts a received payload to a type.
	 * @param payload the payload; the array is the converter's own
	 * @param type the type wanted: a {@code Class} or a generic type such as
	 * {@code List<Price>}
	 * @return an instance of the type, or {@code null} for a payload that stands for none
	 * (JSON {@code null})
	 * @throws PayloadConversionException if it cannot be converted
	 */
	@Nullable Object fromPayload(byte[] payload, Type type);

}
