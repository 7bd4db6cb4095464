package dev.tcpnet.mesh;

import java.util.List;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.mesh.Session.State;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Envelope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's stream to its peer: what it takes, and why it refuses.
 */
class SessionTests {

	private final Session session = new Session(NodeId.of("z"), State.PENDING, List.of(), new ThreadScheduler());

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
