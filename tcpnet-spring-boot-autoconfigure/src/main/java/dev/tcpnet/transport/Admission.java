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

package dev.tcpnet.transport;

import org.jspecify.annotations.Nullable;

/**
 * Whether a connection whose handshake checks passed may become its pair's connection,
 * and if not, why ({@link TransportListener#admit}).
 *
 * @param refusal why it is refused, or {@code null} when it is admitted
 * @param message the reason in words, for the log lines on both sides
 */
public record Admission(@Nullable RejectReason refusal, String message) {

	private static final Admission ADMITTED = new Admission(null, "admitted");

	/**
	 * Returns the admission of a connection.
	 * @return the admission
	 */
	public static Admission admitted() {
		return ADMITTED;
	}

	/**
	 * Returns the refusal of a connection.
	 * @param reason why
	 * @param message why, in words
	 * @return the refusal
	 */
	public static Admission refused(RejectReason reason, String message) {
		return new Admission(reason, message);
	}

	/**
	 * Returns whether the connection is admitted.
	 * @return whether it is admitted
	 */
	public boolean isAdmitted() {
		return this.refusal == null;
	}

}
