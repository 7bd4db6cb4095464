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

package dev.tcpnet.hostile;

import java.util.List;
import java.util.Locale;

/**
 * Finds, in captured output, the signs of a failure that escaped: the error handler's
 * "unexpected error", an exception that reached the tail of a Netty pipeline, a leaked
 * buffer, an ERROR line about tcpnet, or a stack trace through tcpnet or Netty.
 */
final class EscapedFailures {

	private EscapedFailures() {
	}

	/**
	 * Returns the first few offending lines, shortened; assert that the list is empty
	 * (never assert on the whole output: its failure message can be too large to report).
	 * @param output the captured output
	 * @return at most ten offending lines
	 */
	static List<String> in(String output) {
		return output.lines()
			.filter(EscapedFailures::offends)
			.limit(10)
			.map((line) -> (line.length() > 300) ? line.substring(0, 300) + "..." : line)
			.toList();
	}

	private static boolean offends(String line) {
		if (line.contains("give every node its own tcpnet.node-id")
				|| line.contains("refused the handshake: CONFLICT")) {
			// A hello that claims this node's own id: refused with the ERROR it deserves.
			return false;
		}
		return line.contains("unexpected error") || line.contains("reached at the tail of the pipeline")
				|| line.contains("LEAK:")
				|| (line.contains("ERROR") && line.toLowerCase(Locale.ROOT).contains("tcpnet"))
				|| line.startsWith("\tat dev.tcpnet") || line.startsWith("\tat io.netty");
	}

}
