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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The buffer of envelopes to one peer: streams' messages kept in its ring without an
 * envelope of their own, beside envelopes with futures, in one order through the ring's
 * wrap and growth, acknowledgement, expiry and end.
 */
class OutboundStreamTests {

	private final OutboundStream out = new OutboundStream();

	private final MeshTopicStream prices = stream("prices");

	private final MeshTopicStream trades = stream("trades");

	// What went in, by sequence number - 1: a stream's payload, or an Outgoing.
	private final List<Object> appended = new ArrayList<>();

	// The stream of each, or null.
	private final List<MeshTopicStream> streamOf = new ArrayList<>();

	@Test
	void wrapsAndGrowsKeepingTheOrderOfStreamedAndSentEnvelopes() {
		appendStreamed(this.prices, 10);
		appendSent(2);
		// Acknowledging 8 moves the ring's head; 20 more wrap it and then grow it.
		OutboundStream.Acknowledged first = this.out.acknowledge(8);
		assertThat(first.count()).isEqualTo(8);
		assertThat(first.futures()).isEmpty();
		appendStreamed(this.trades, 5);
		appendSent(1);
		appendStreamed(this.prices, 14);
		assertThat(this.out.size()).isEqualTo(24);
		assertThat(this.out.resumePoint()).isEqualTo(8);
		assertThat(this.out.highestSent()).isEqualTo(32);
		assertThat(this.out.bytes()).isEqualTo(bytes(9, 32));
		Connection connection = mock(Connection.class);
		this.out.writePending(connection);
		assertWritten(connection, 9, 32);
	}

	@Test
	void anAcknowledgementSettlesFuturesInOrderAndEachStreamsMessages() {
		appendStreamed(this.prices, 3);
		appendStreamed(this.trades, 2);
		appendSent(2);
		appendStreamed(this.prices, 4);
		OutboundStream.Acknowledged done = this.out.acknowledge(10);
		assertThat(done.count()).isEqualTo(10);
		assertThat(done.bytes()).isEqualTo(bytes(1, 10));
		assertThat(done.futures()).containsExactly(((Outgoing) this.appended.get(5)).acknowledged(),
				((Outgoing) this.appended.get(6)).acknowledged());
		CompletableFuture<Void> prices = this.prices.flush();
		CompletableFuture<Void> trades = this.trades.flush();
		done.settleStreams();
		// The trades' two were settled, six of the prices' seven.
		assertThat(trades).isCompleted();
		assertThat(prices).isNotDone();
		assertThat(this.out.resumePoint()).isEqualTo(10);
		assertThat(this.out.size()).isEqualTo(1);
		assertThat(this.out.acknowledge(10).count()).isZero();
		this.out.acknowledge(11).settleStreams();
		assertThat(prices).isCompleted();
		assertThat(this.out.size()).isZero();
		assertThat(this.out.bytes()).isZero();
	}

	@Test
	void expiredAndEndedStreamedMessagesComeBackAsEnvelopesOfTheirStream() {
		for (int i = 0; i < 20; i++) {
			if (i % 3 == 0) {
				appendSent(1);
			}
			else {
				appendStreamed(this.prices, 1);
			}
		}
		List<Outgoing> expired = this.out.expire(stampOf(7));
		assertThat(expired).hasSize(6);
		assertEnvelopes(expired, 1);
		assertThat(this.out.resumePoint()).isEqualTo(6);
		List<Outgoing> ended = this.out.clear();
		assertThat(ended).hasSize(14);
		assertEnvelopes(ended, 7);
		assertThat(this.out.size()).isZero();
		assertThat(this.out.bytes()).isZero();
		assertThat(this.out.resumePoint()).isEqualTo(20);
		assertThat(this.out.highestSent()).isEqualTo(20);
		Connection connection = mock(Connection.class);
		this.out.writePending(connection);
		verify(connection, never()).sendMessage(anyLong(), any(), any());
		verify(connection, never()).send(any());
	}

	@Test
	void aBurstsRoomIsGivenBackOnceALaterPeriodUsesLessThanAQuarterOfIt() {
		appendStreamed(this.prices, 1000);
		this.out.acknowledge(990);
		assertThat(this.out.capacity()).isEqualTo(1024);
		// The period of the burst keeps its room.
		this.out.trim();
		assertThat(this.out.capacity()).isEqualTo(1024);
		appendStreamed(this.prices, 5);
		this.out.trim();
		assertThat(this.out.capacity()).isEqualTo(16);
		this.out.trim();
		assertThat(this.out.capacity()).isEqualTo(16);
		appendStreamed(this.trades, 30);
		assertThat(this.out.capacity()).isEqualTo(64);
		Connection connection = mock(Connection.class);
		this.out.writePending(connection);
		assertWritten(connection, 991, 1035);
	}

	private void appendStreamed(MeshTopicStream stream, int count) {
		for (int i = 0; i < count; i++) {
			long seq = this.appended.size() + 1;
			byte[] payload = new byte[(int) seq];
			this.appended.add(payload);
			assertThat(this.out.append(payload, stampOf(seq), stream)).isEqualTo(seq);
			// As the session counts it.
			stream.taken();
			this.streamOf.add(stream);
		}
	}

	private void appendSent(int count) {
		for (int i = 0; i < count; i++) {
			long seq = this.appended.size() + 1;
			Outgoing outgoing = this.out.append(Envelope.Kind.MESSAGE, 0, "sent", new byte[(int) seq], stampOf(seq),
					new CompletableFuture<>());
			assertThat(outgoing.envelope().seq()).isEqualTo(seq);
			this.appended.add(outgoing);
			this.streamOf.add(null);
		}
	}

	private void assertWritten(Connection connection, long from, long to) {
		InOrder order = inOrder(connection);
		for (long seq = from; seq <= to; seq++) {
			Object item = this.appended.get((int) seq - 1);
			if (item instanceof Outgoing outgoing) {
				order.verify(connection).send(outgoing.envelope());
			}
			else {
				String topic = this.streamOf.get((int) seq - 1).topic();
				order.verify(connection).sendMessage(eq(seq), eq(topic), eq((byte[]) item));
			}
		}
		order.verifyNoMoreInteractions();
	}

	private void assertEnvelopes(List<Outgoing> outgoings, long firstSeq) {
		long seq = firstSeq;
		for (Outgoing outgoing : outgoings) {
			Object item = this.appended.get((int) seq - 1);
			assertThat(outgoing.envelope().seq()).isEqualTo(seq);
			if (item instanceof Outgoing sent) {
				assertThat(outgoing).isSameAs(sent);
			}
			else {
				assertThat(outgoing.stream()).isSameAs(this.prices);
				assertThat(outgoing.acknowledged()).isNull();
				assertThat(outgoing.envelope().kind()).isEqualTo(Envelope.Kind.MESSAGE);
				assertThat(outgoing.envelope().topic()).isEqualTo("prices");
				assertThat(outgoing.envelope().payload()).isSameAs(item);
				assertThat(outgoing.envelope().payload()).hasSize((int) seq);
			}
			seq++;
		}
	}

	// Every payload is as long as its sequence number.
	private static long bytes(long from, long to) {
		return (from + to) * (to - from + 1) / 2;
	}

	private static long stampOf(long seq) {
		return 1000 + seq;
	}

	// A real stream: a mock of this final class would instrument every instance in the
	// JVM, and the allocation test of TopicStreamTests would count the mock's checks.
	private static MeshTopicStream stream(String topic) {
		return new MeshTopicStream(null, null, NodeId.of("z"), topic, Runnable::run, () -> false);
	}

}
