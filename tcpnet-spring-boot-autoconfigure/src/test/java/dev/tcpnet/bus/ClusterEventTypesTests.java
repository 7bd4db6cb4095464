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

package dev.tcpnet.bus;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClusterEventTypes} and {@link EventEnvelope}: what a peer can make a
 * node load and instantiate.
 */
class ClusterEventTypesTests {

	// Set by Unmarked's static initializer: reading a field of Unmarked would run it.
	static volatile boolean unmarkedInitialized;

	private final ClusterEventTypes types = new ClusterEventTypes(getClass().getClassLoader());

	@Test
	void markedTypeResolves() {
		assertThat(this.types.resolve(Marked.class.getName())).isEqualTo(Marked.class);
		assertThat(ClusterEventTypes.isMarked(Marked.class)).isTrue();
	}

	@Test
	void unmarkedTypeIsRefusedWithoutRunningItsCode() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.types.resolve(Unmarked.class.getName()))
			.withMessageContaining("is not marked @ClusterEvent");
		assertThat(unmarkedInitialized).isFalse();
	}

	@Test
	void subclassOfAMarkedTypeIsNotMarked() {
		assertThat(ClusterEventTypes.isMarked(MarkedSubclass.class)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> this.types.resolve(MarkedSubclass.class.getName()));
	}

	@Test
	void markedApplicationEventIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.types.resolve(MarkedApplicationEvent.class.getName()))
			.withMessageContaining("is an ApplicationEvent");
	}

	@Test
	void namesThatAreNotClassNamesNeverReachTheClassLoader() {
		for (String name : new String[] { "[Ljava.lang.String;", "int", "", "a..b", "java.lang.Runtime ", "../x" }) {
			assertThatIllegalArgumentException().as(name).isThrownBy(() -> this.types.resolve(name));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> this.types.resolve("com.example.Missing"))
			.withMessage("com.example.Missing is not on this node's class path");
	}

	@Test
	void envelopeCarriesTheTypeNameBeforeTheBody() {
		byte[] encoded = new EventEnvelope("a.B", "{}".getBytes(StandardCharsets.UTF_8)).encode();
		assertThat(new String(encoded, StandardCharsets.UTF_8)).isEqualTo("a.B\n{}");
		EventEnvelope decoded = EventEnvelope.decode(encoded);
		assertThat(decoded).isNotNull();
		assertThat(decoded.typeName()).isEqualTo("a.B");
		assertThat(decoded.body()).asString(StandardCharsets.UTF_8).isEqualTo("{}");
	}

	@Test
	void envelopeWithoutATypeNameWithinTheBoundIsNone() {
		assertThat(EventEnvelope.decode("{}".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(EventEnvelope.decode("\n{}".getBytes(StandardCharsets.UTF_8))).isNull();
		byte[] longName = ("x".repeat(EventEnvelope.MAX_TYPE_NAME_BYTES + 1) + "\n{}").getBytes(StandardCharsets.UTF_8);
		assertThat(EventEnvelope.decode(longName)).isNull();
	}

	@ClusterEvent
	static class Marked {

	}

	static class MarkedSubclass extends Marked {

	}

	static class Unmarked {

		static {
			unmarkedInitialized = true;
		}

	}

	@ClusterEvent
	static class MarkedApplicationEvent extends ApplicationEvent {

		MarkedApplicationEvent(Object source) {
			super(source);
		}

	}

}
