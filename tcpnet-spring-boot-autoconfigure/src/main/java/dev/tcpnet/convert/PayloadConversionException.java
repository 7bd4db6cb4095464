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

/**
 * An object could not be converted to a payload, or a payload to the type wanted.
 *
 * @since 0.1.0
 */
public class PayloadConversionException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what could not be converted to what
	 */
	public PayloadConversionException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with its cause.
	 * @param message what could not be converted to what
	 * @param cause why
	 */
	public PayloadConversionException(String message, Throwable cause) {
		super(message, cause);
	}

}
