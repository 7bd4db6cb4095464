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

/**
 * Text a remote sent, made safe for a log line or a reject frame: control characters
 * escaped, cut to a length. A remote must not be able to forge log lines or fill them.
 */
final class Printable {

	private Printable() {
	}

	/**
	 * Returns the text with control characters as {@code \\uXXXX}, cut to {@code max}
	 * characters with an ellipsis.
	 * @param text the remote's text
	 * @param max the most characters kept
	 * @return the printable text
	 */
	static String of(String text, int max) {
		StringBuilder printable = new StringBuilder(Math.min(text.length(), max) + 8);
		int i = 0;
		for (; i < text.length() && printable.length() < max; i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
				printable.append(String.format("\\u%04x", (int) c));
			}
			else {
				printable.append(c);
			}
		}
		return (i < text.length()) ? printable.append('…').toString() : printable.toString();
	}

	/**
	 * Returns the text cut so that its UTF-8 form is at most {@code maxBytes} bytes.
	 * @param text the text
	 * @param maxBytes the most bytes
	 * @return the text, or its beginning
	 */
	static String truncated(String text, int maxBytes) {
		if (text.length() * 3 <= maxBytes) {
			return text;
		}
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			bytes += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
			if (bytes > maxBytes - 3) {
				return text.substring(0, (i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) ? i - 1 : i) + "…";
			}
		}
		return text;
	}

}
