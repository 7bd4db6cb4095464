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

import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.tcpnet.RequestFailedException;

/**
 * The payload of a {@code REPLY_ERROR}: the failure's message in UTF-8, then, after a NUL
 * character, the class name of the handler's exception. A requester that knows only the
 * message (as nodes did before the class name was added) still reads the message first; a
 * payload without the NUL (a refusal, or an older node's) is all message.
 */
final class RemoteFailure {

	private static final char SEPARATOR = '\0';

	private RemoteFailure() {
	}

	static byte[] write(Throwable failure) {
		String message = (failure instanceof Error) ? failure.toString() : String.valueOf(failure.getMessage());
		return (message + SEPARATOR + failure.getClass().getName()).getBytes(StandardCharsets.UTF_8);
	}

	static RequestFailedException read(byte[] payload) {
		String text = new String(payload, StandardCharsets.UTF_8);
		int separator = text.lastIndexOf(SEPARATOR);
		if (separator < 0) {
			return new RequestFailedException(text);
		}
		return new RequestFailedException(text.substring(0, separator), text.substring(separator + 1));
	}

	/** The exception a handler threw, out of the wrappers of futures and reflection. */
	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException
				|| current instanceof InvocationTargetException) && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
