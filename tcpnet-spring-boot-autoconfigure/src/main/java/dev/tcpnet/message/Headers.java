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

package dev.tcpnet.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The headers of a message, request or reply: up to {@value #MAX_COUNT} names, each with
 * a value of bytes (or text, as UTF-8), at most {@value #MAX_BYTES} bytes in all as they
 * travel. Immutable. Headers travel only between nodes that both speak protocol version 3
 * or later; to an older peer a message goes without them (see
 * {@code dev.tcpnet.transport.TcpnetProtocol}).
 *
 * <p>
 * Their size on the wire is a two-byte length, a one-byte count, and per header a
 * one-byte name length, the name, a two-byte value length and the value: that is what
 * {@value #MAX_BYTES} bounds.
 *
 * @since 0.1.0
 */
public final class Headers {

	/** The most headers one message carries. */
	public static final int MAX_COUNT = 16;

	/** The most bytes the headers of one message take on the wire. */
	public static final int MAX_BYTES = 4096;

	/** The longest header name, in bytes of UTF-8. */
	public static final int MAX_NAME_BYTES = 64;

	/** No headers. */
	public static final Headers EMPTY = new Headers(Map.of(), 0);

	// Bytes of the length and count that start the headers on the wire.
	private static final int FIXED_BYTES = 3;

	private final Map<String, byte[]> values;

	private final int encodedSize;

	private Headers(Map<String, byte[]> values, int encodedSize) {
		this.values = values;
		this.encodedSize = encodedSize;
	}

	/**
	 * Returns headers with the given text values.
	 * @param values names and values
	 * @return the headers
	 * @throws IllegalArgumentException if they break a limit
	 */
	public static Headers of(Map<String, String> values) {
		Builder builder = builder();
		values.forEach(builder::set);
		return builder.build();
	}

	/**
	 * Returns a builder of headers.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a builder that starts with these headers.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.values.putAll(this.values);
		return builder;
	}

	/**
	 * Whether there are no headers.
	 * @return {@code true} if there are none
	 */
	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	/**
	 * Returns how many headers there are.
	 * @return the count
	 */
	public int size() {
		return this.values.size();
	}

	/**
	 * Returns the header names, in the order they were set.
	 * @return the names
	 */
	public Set<String> names() {
		return Collections.unmodifiableSet(this.values.keySet());
	}

	/**
	 * Returns a header's value.
	 * @param name the header's name
	 * @return a copy of its bytes, or {@code null} if there is no such header
	 */
	public byte @Nullable [] get(String name) {
		byte[] value = this.values.get(name);
		return (value != null) ? value.clone() : null;
	}

	/**
	 * Returns a header's value decoded as UTF-8.
	 * @param name the header's name
	 * @return its text, or {@code null} if there is no such header
	 */
	public @Nullable String getString(String name) {
		byte[] value = this.values.get(name);
		return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
	}

	/**
	 * Returns the bytes these headers take on the wire.
	 * @return the size in bytes, 0 when empty
	 */
	public int encodedSize() {
		return this.encodedSize;
	}

	/**
	 * Calls {@code action} with each name and value, in order. The value arrays are the
	 * headers' own: for writing them out, not for keeping.
	 * @param action what to do with each header
	 */
	public void forEach(HeaderConsumer action) {
		this.values.forEach(action::accept);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof Headers that) || that.values.size() != this.values.size()) {
			return false;
		}
		for (Map.Entry<String, byte[]> entry : this.values.entrySet()) {
			if (!Arrays.equals(entry.getValue(), that.values.get(entry.getKey()))) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int hashCode() {
		int hash = 0;
		for (Map.Entry<String, byte[]> entry : this.values.entrySet()) {
			hash += entry.getKey().hashCode() ^ Arrays.hashCode(entry.getValue());
		}
		return hash;
	}

	@Override
	public String toString() {
		return "Headers" + this.values.keySet();
	}

	/**
	 * Takes one header's name and value.
	 */
	@FunctionalInterface
	public interface HeaderConsumer {

		/**
		 * Takes one header.
		 * @param name its name
		 * @param value its value, not to be modified
		 */
		void accept(String name, byte[] value);

	}

	/**
	 * Builds {@link Headers}; setting a name again replaces its value.
	 */
	public static final class Builder {

		private final Map<String, byte[]> values = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets a header to text, as UTF-8.
		 * @param name the name: 1 to {@value Headers#MAX_NAME_BYTES} bytes of UTF-8
		 * @param value the value
		 * @return this builder
		 */
		public Builder set(String name, String value) {
			return set(name, value.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * Sets a header to bytes.
		 * @param name the name: 1 to {@value Headers#MAX_NAME_BYTES} bytes of UTF-8
		 * @param value the value; copied
		 * @return this builder
		 */
		public Builder set(String name, byte[] value) {
			int length = name.getBytes(StandardCharsets.UTF_8).length;
			if (length == 0 || length > MAX_NAME_BYTES) {
				throw new IllegalArgumentException(
						"Header name must be 1 to " + MAX_NAME_BYTES + " bytes of UTF-8 but was " + length + " bytes");
			}
			this.values.put(name, value.clone());
			return this;
		}

		/**
		 * Removes a header.
		 * @param name its name
		 * @return this builder
		 */
		public Builder remove(String name) {
			this.values.remove(name);
			return this;
		}

		/**
		 * Returns the headers.
		 * @return the headers
		 * @throws IllegalArgumentException if there are more than
		 * {@value Headers#MAX_COUNT} or they take more than {@value Headers#MAX_BYTES}
		 * bytes
		 */
		public Headers build() {
			if (this.values.isEmpty()) {
				return EMPTY;
			}
			if (this.values.size() > MAX_COUNT) {
				throw new IllegalArgumentException(
						"At most " + MAX_COUNT + " headers travel with a message, not " + this.values.size());
			}
			int size = FIXED_BYTES;
			for (Map.Entry<String, byte[]> entry : this.values.entrySet()) {
				size += 1 + entry.getKey().getBytes(StandardCharsets.UTF_8).length + 2 + entry.getValue().length;
			}
			if (size > MAX_BYTES) {
				throw new IllegalArgumentException("Headers of " + size + " bytes do not fit: at most " + MAX_BYTES
						+ " bytes travel with a message");
			}
			return new Headers(Collections.unmodifiableMap(new LinkedHashMap<>(this.values)), size);
		}

	}

}
