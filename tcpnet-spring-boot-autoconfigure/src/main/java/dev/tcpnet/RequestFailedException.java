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

package dev.tcpnet;

import org.jspecify.annotations.Nullable;

/**
 * The peer could not answer a request: no handler for its topic, too many requests
 * waiting, or the handler failed. When the handler failed, the exception's message is the
 * handler's exception's message, and {@link #getRemoteType()} names its class.
 *
 * @since 0.1.0
 */
public class RequestFailedException extends RuntimeException {

	private final @Nullable String remoteType;

	/**
	 * Creates an exception for a request the peer refused.
	 * @param message why
	 */
	public RequestFailedException(String message) {
		this(message, null);
	}

	/**
	 * Creates an exception for a request whose handler failed on the peer.
	 * @param message the message of the handler's exception
	 * @param remoteType the class name of the handler's exception, or {@code null} if the
	 * peer refused the request itself
	 */
	public RequestFailedException(String message, @Nullable String remoteType) {
		super(message);
		this.remoteType = remoteType;
	}

	/**
	 * Returns the class name of the exception the peer's handler threw, such as
	 * {@code java.lang.IllegalArgumentException}.
	 * @return the class name, or {@code null} if no handler ran (no handler for the
	 * topic, too many requests waiting, the peer is stopping) or the peer runs a version
	 * that does not send it
	 */
	public @Nullable String getRemoteType() {
		return this.remoteType;
	}

	@Override
	public String toString() {
		return (this.remoteType != null) ? super.toString() + " [remote " + this.remoteType + "]" : super.toString();
	}

}
