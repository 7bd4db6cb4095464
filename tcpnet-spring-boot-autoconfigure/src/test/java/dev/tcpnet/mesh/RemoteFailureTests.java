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

package dev.tcpnet.mesh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import dev.tcpnet.RequestFailedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RemoteFailure}: the payload of a failed request's reply.
 */
class RemoteFailureTests {

	@Test
	void failureTravelsWithItsMessageAndType() {
		byte[] payload = RemoteFailure
			.write(new CompletionException(new IllegalArgumentException("bad symbol")).getCause());
		RequestFailedException read = RemoteFailure.read(payload);
		assertThat(read).hasMessage("bad symbol");
		assertThat(read.getRemoteType()).isEqualTo("java.lang.IllegalArgumentException");
	}

	@Test
	void payloadOfAnOlderNodeOrARefusalIsAllMessage() {
		RequestFailedException read = RemoteFailure.read("No handler for topic 'x'".getBytes(StandardCharsets.UTF_8));
		assertThat(read).hasMessage("No handler for topic 'x'");
		assertThat(read.getRemoteType()).isNull();
	}

	@Test
	void unwrapFindsTheHandlersException() {
		IllegalStateException cause = new IllegalStateException("x");
		assertThat(RemoteFailure.unwrap(new CompletionException(cause))).isSameAs(cause);
	}

}
