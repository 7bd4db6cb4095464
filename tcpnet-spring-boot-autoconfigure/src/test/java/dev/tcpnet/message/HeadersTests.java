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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HeadersTests {

	@Test
	void textAndBytesReadBackAndValuesAreCopies() {
		byte[] bytes = { 1, 2 };
		Headers headers = Headers.builder().set("a", "x").set("b", bytes).build();
		bytes[0] = 9;
		assertThat(headers.getString("a")).isEqualTo("x");
		assertThat(headers.get("b")).containsExactly(1, 2);
		headers.get("b")[0] = 9;
		assertThat(headers.get("b")).containsExactly(1, 2);
		assertThat(headers.names()).containsExactly("a", "b");
		assertThat(headers.get("c")).isNull();
	}

	@Test
	void theEncodedSizeCountsLengthCountAndEachHeader() {
		Headers headers = Headers.of(java.util.Map.of("ab", "xyz"));
		assertThat(headers.encodedSize()).isEqualTo(2 + 1 + 1 + 2 + 2 + 3);
		assertThat(Headers.EMPTY.encodedSize()).isZero();
		assertThat(Headers.builder().build()).isSameAs(Headers.EMPTY);
	}

	@Test
	void moreThanSixteenHeadersAreRefused() {
		Headers.Builder builder = Headers.builder();
		for (int i = 0; i <= Headers.MAX_COUNT; i++) {
			builder.set("h" + i, "v");
		}
		assertThatIllegalArgumentException().isThrownBy(builder::build).withMessageContaining("At most 16 headers");
	}

	@Test
	void headersOfMoreThanFourKibibytesAreRefused() {
		Headers.Builder builder = Headers.builder().set("big", new byte[Headers.MAX_BYTES]);
		assertThatIllegalArgumentException().isThrownBy(builder::build).withMessageContaining("do not fit");
	}

	@Test
	void anEmptyOrLongNameIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Headers.builder().set("", "v"));
		assertThatIllegalArgumentException().isThrownBy(() -> Headers.builder().set("n".repeat(65), "v"));
	}

	@Test
	void toBuilderKeepsTheHeadersAndAddsMore() {
		Headers headers = Headers.builder().set("a", "1").build().toBuilder().set("b", "2").build();
		assertThat(headers.names()).containsExactly("a", "b");
	}

}
