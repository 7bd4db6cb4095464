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

package dev.tcpnet.bus;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A cluster event on the wire: its type's binary name in UTF-8, a line feed (which no
 * class name holds), then the event as the payload converter made it. The name goes
 * first, outside the converted document, so that a receiver can refuse a type before it
 * parses a byte of the event.
 *
 * @param typeName the event type's binary name
 * @param body the converted event
 */
record EventEnvelope(String typeName, byte[] body) {

	private static final byte SEPARATOR = '\n';

	/** The longest type name a receiver reads (binary names are far shorter). */
	static final int MAX_TYPE_NAME_BYTES = 512;

	byte[] encode() {
		byte[] name = this.typeName.getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[name.length + 1 + this.body.length];
		System.arraycopy(name, 0, frame, 0, name.length);
		frame[name.length] = SEPARATOR;
		System.arraycopy(this.body, 0, frame, name.length + 1, this.body.length);
		return frame;
	}

	/**
	 * Reads an envelope.
	 * @param payload the message's payload
	 * @return the envelope, or {@code null} if the payload has no type name within
	 * {@link #MAX_TYPE_NAME_BYTES}
	 */
	static @Nullable EventEnvelope decode(byte[] payload) {
		int limit = Math.min(payload.length, MAX_TYPE_NAME_BYTES + 1);
		for (int i = 1; i < limit; i++) {
			if (payload[i] == SEPARATOR) {
				String name = new String(payload, 0, i, StandardCharsets.UTF_8);
				return new EventEnvelope(name, Arrays.copyOfRange(payload, i + 1, payload.length));
			}
		}
		return null;
	}

}
