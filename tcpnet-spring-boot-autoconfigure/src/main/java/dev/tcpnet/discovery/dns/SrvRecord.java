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

package dev.tcpnet.discovery.dns;

import org.jspecify.annotations.Nullable;

/**
 * An SRV record (RFC 2782).
 *
 * @param port the port of the service on the target
 * @param target the host name of the target, without the trailing dot
 */
record SrvRecord(int port, String target) {

	/**
	 * Parses the presentation form {@code priority weight port target}.
	 * @param text the record
	 * @return the record, or {@code null} if it is malformed or says "no service here"
	 * (target {@code .} or port 0)
	 */
	static @Nullable SrvRecord parse(String text) {
		String[] fields = text.trim().split("\\s+");
		if (fields.length != 4 || !fields[2].matches("\\d{1,5}")) {
			return null;
		}
		int port = Integer.parseInt(fields[2]);
		String target = DnsNames.withoutTrailingDot(fields[3]);
		if (port < 1 || port > 65535 || target.isEmpty() || !DnsNames.isValid(target)) {
			return null;
		}
		return new SrvRecord(port, target);
	}

}
