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

import java.util.concurrent.TimeUnit;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.TcpnetProtocol;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heartbeats of a connection whose handshake is complete (interval 1 s, timeout 30 s
 * here), on the embedded channel's frozen clock.
 */
class HeartbeatTests {

	private final RecordingListener listener = new RecordingListener();

	private final EmbeddedChannel channel = Channels.inbound(NodeId.of("local"), 64 * 1024, this.listener, null, 256);

	@BeforeEach
	void handshake() {
		// Unless frozen, the embedded clock also moves with the real one, and a test that
		// counts milliseconds to a timeout would see the time the machine took to run it.
		this.channel.freezeTime();
		this.channel.writeInbound(Wire.preface(), Wire.frame(new Frame.Hello("test", NodeId.of("remote"), 1L, 7000, 42L,
				0, new byte[TcpnetProtocol.CHALLENGE_LENGTH])));
		Wire.written(this.channel);
	}

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void idleWriterSendsAPing() {
		advance(1500);
		assertThat(Wire.writtenFrames(this.channel)).hasAtLeastOneElementOfType(Frame.Ping.class);
	}

	@Test
	void pingIsAnsweredWithItsClock() {
		this.channel.writeInbound(Wire.frame(new Frame.Ping(123L)));
		assertThat(Wire.writtenFrames(this.channel)).containsExactly(new Frame.Pong(123L));
	}

	@Test
	void pongReportsTheRoundTrip() {
		this.channel.writeInbound(Wire.frame(new Frame.Pong(System.nanoTime())));
		assertThat(this.listener.signals).containsExactly("rtt");
	}

	@Test
	void peerThatStaysSilentIsClosed() {
		advance(29_000);
		assertThat(this.channel.isOpen()).isTrue();
		advance(2_000);
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.listener.signals).containsExactly("closed");
	}

	@Test
	void aSilentPeerIsClosedAtTheTimeoutEvenBetweenTwoChecks() {
		// The checks run every 500 ms; the timeout falls 100 ms after one of them.
		advance(29_900);
		advance(99);
		assertThat(this.channel.isOpen()).isTrue();
		advance(1);
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void theSideThatAnswersPingsPingsOnlyToMeasureTheRoundTrip() {
		Wire.written(this.channel);
		for (int i = 0; i < 20; i++) {
			this.channel.writeInbound(Wire.frame(new Frame.Ping(i)));
			advance(1000);
		}
		// Its first check, and ten intervals later.
		assertThat(Wire.writtenFrames(this.channel)).hasSize(22).filteredOn(Frame.Ping.class::isInstance).hasSize(2);
	}

	@Test
	void aSideThatPingsPingsOncePerInterval() {
		Wire.written(this.channel);
		for (int i = 0; i < 20; i++) {
			advance(500);
		}
		assertThat(Wire.writtenFrames(this.channel)).hasSize(10).allMatch(Frame.Ping.class::isInstance);
	}

	@Test
	void pausedReadingIsNotSilence() {
		this.channel.config().setAutoRead(false);
		advance(60_000);
		assertThat(this.channel.isOpen()).isTrue();
	}

	@Test
	void peerIsNotSilentForTheTimeReadingWasPaused() {
		Connection connection = this.listener.connected.get(0);
		connection.pauseReading(true);
		advance(29_999);
		connection.pauseReading(false);
		// The check due a millisecond later must not count the pause; bytes are on their
		// way.
		advance(1);
		assertThat(this.channel.isOpen()).isTrue();
		advance(31_000);
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void anyFrameCountsAsLife() {
		for (int i = 0; i < 10; i++) {
			advance(20_000);
			this.channel.writeInbound(Wire.frame(new Frame.Ack(i)));
		}
		assertThat(this.channel.isOpen()).isTrue();
	}

	private void advance(long millis) {
		this.channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
		this.channel.runScheduledPendingTasks();
		this.channel.runPendingTasks();
	}

}
