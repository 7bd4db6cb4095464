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

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.mesh.Session.State;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Envelope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's stream to its peer: what it takes, and why it refuses.
 */
class SessionTests {

	private final Session session = new Session(NodeId.of("z"), State.PENDING, List.of(), new ThreadScheduler(),
			new BufferClock(System::nanoTime, Duration.ofMinutes(1).toNanos()));

	@Test
	void fullBufferRefusesAsOverflowButTakesReplies() {
		assertThat(enqueue(Envelope.Kind.MESSAGE)).isNotNull();
		assertThat(enqueue(Envelope.Kind.MESSAGE)).isNull();
		assertThat(this.session.refusal()).isEqualTo(MessageDroppedEvent.Reason.OVERFLOW);
		assertThat(enqueue(Envelope.Kind.REPLY)).isNotNull();
	}

	@Test
	void endedSessionTakesNothingMoreAndSaysWhy() {
		Outgoing kept = enqueue(Envelope.Kind.MESSAGE);
		assertThat(this.session.end(MessageDroppedEvent.Reason.LEFT)).containsExactly(kept);
		// A sender that found the session before it ended must not leave a future behind.
		assertThat(enqueue(Envelope.Kind.MESSAGE)).isNull();
		assertThat(enqueue(Envelope.Kind.REPLY)).isNull();
		assertThat(this.session.refusal()).isEqualTo(MessageDroppedEvent.Reason.LEFT);
	}

	private Outgoing enqueue(Envelope.Kind kind) {
		return this.session.enqueue(kind, 0, "t", new byte[1], new OutboundStream.Limits(1, 1024),
				new java.util.concurrent.CompletableFuture<>());
	}

}
