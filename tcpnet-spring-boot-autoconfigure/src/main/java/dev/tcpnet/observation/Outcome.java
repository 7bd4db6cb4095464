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

/**
 * How an observed operation ended: the value of the {@code tcpnet.outcome} key.
 *
 * @since 0.1.0
 */
public enum Outcome {

	/** Acknowledged, answered, or handed to the application. */
	SUCCESS,

	/** Never delivered: the peer left, the buffer was full, the node stopped. */
	DROPPED,

	/** No reply within the request's timeout. */
	TIMEOUT,

	/**
	 * The peer refused the request or its handler failed.
	 */
	FAILED,

	/** A listener or handler of this node threw, or sending failed at once. */
	ERROR,

	/** Not ended yet. */
	UNKNOWN

}
