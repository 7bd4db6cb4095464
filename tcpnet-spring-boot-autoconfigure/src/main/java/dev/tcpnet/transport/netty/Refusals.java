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

package dev.tcpnet.transport.netty;

import io.netty.channel.Channel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;

/**
 * Marks a connection refused, so that it is refused once: counted, logged and told why
 * once, whatever else was already read or goes wrong while it closes, and no frame read
 * after the refusal is acted on.
 */
final class Refusals {

	private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf(Refusals.class, "refused");

	private Refusals() {
	}

	/**
	 * Marks the connection refused.
	 * @param channel the connection
	 * @return whether this is its first refusal, the one to report
	 */
	static boolean first(Channel channel) {
		return channel.attr(REFUSED).setIfAbsent(Boolean.TRUE) == null;
	}

	/**
	 * Returns whether the connection was refused.
	 * @param channel the connection
	 * @return whether it was refused
	 */
	static boolean refused(Channel channel) {
		return marker(channel).get() != null;
	}

	/**
	 * Returns the mark that {@link #first} sets, to be read without looking it up again.
	 * @param channel the connection
	 * @return the mark, set when the connection was refused
	 */
	static Attribute<Boolean> marker(Channel channel) {
		return channel.attr(REFUSED);
	}

}
