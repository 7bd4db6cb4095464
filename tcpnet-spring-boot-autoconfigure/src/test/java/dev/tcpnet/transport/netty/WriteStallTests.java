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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.TcpnetProtocol;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Write-stall detection of a connection whose handshake is complete (write timeout 10 s,
 * checked every 2.5 s; heartbeat timeout 60 s), on the embedded channel's clock.
 */
@ExtendWith(OutputCaptureExtension.class)
class WriteStallTests {

	private static final long WRITE_TIMEOUT_MILLIS = 10_000;

	private static final long CHECK_MILLIS = WRITE_TIMEOUT_MILLIS / WriteStallHandler.CHECKS_PER_TIMEOUT;

	private final RecordingListener listener = new RecordingListener();

	private final EmbeddedChannel channel = new EmbeddedChannel(
			new TcpnetChannelInitializer(config(this.listener), Direction.INBOUND, null));

	private Connection connection;

	@BeforeEach
	void handshake() {
		// Only advanceTimeBy moves the clock: the real time a test takes is not a stall.
		this.channel.freezeTime();
		this.channel.writeInbound(Wire.preface(), Wire.frame(new Frame.Hello("test", NodeId.of("remote"), 1L, 7000, 42L,
				0, new byte[TcpnetProtocol.CHALLENGE_LENGTH])));
		Wire.written(this.channel);
		this.connection = this.listener.connected.get(0);
	}

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void framesThatCannotBeWrittenForTheWriteTimeoutCloseTheConnectionAsStalled(CapturedOutput output) {
		writable(false);
		this.connection.send(new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", new byte[100]));
		long open = advanceWhileOpen(3 * WRITE_TIMEOUT_MILLIS);
		assertThat(open).isBetween(WRITE_TIMEOUT_MILLIS, WRITE_TIMEOUT_MILLIS + 2 * CHECK_MILLIS);
		assertThat(this.listener.signals).containsExactly("stalled", "closed");
		assertThat(output).contains("Closing connection to peer remote at embedded: writes stalled")
			.contains("bytes waiting");
	}

	@Test
	void aConnectionPausedForReadingStillHasItsWritesChecked() {
		this.connection.pauseReading(true);
		writable(false);
		this.connection.send(new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", new byte[100]));
		advanceWhileOpen(3 * WRITE_TIMEOUT_MILLIS);
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.listener.signals).containsExactly("stalled", "closed");
	}

	@Test
	void bytesTheSocketDoesNotTakeCloseTheConnection() {
		StuckSocket socket = stuckSocket();
		this.connection.send(new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", new byte[100]));
		this.channel.runPendingTasks();
		assertThat(NettyConnection.socketPendingBytes(this.channel)).isPositive();
		advanceWhileOpen(3 * WRITE_TIMEOUT_MILLIS);
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.listener.signals).containsExactly("stalled", "closed");
		assertThat(socket.stuck).isTrue();
	}

	@Test
	void bytesTheSocketTakesBeforeTheTimeoutAreProgress() {
		StuckSocket socket = stuckSocket();
		this.connection.pauseReading(true);
		for (int i = 0; i < 10; i++) {
			this.connection.send(new Envelope(i, Envelope.Kind.MESSAGE, 0, "t", new byte[100]));
			advance(WRITE_TIMEOUT_MILLIS * 3 / 4);
			socket.take(this.channel);
			assertThat(Wire.writtenFrames(this.channel)).hasAtLeastOneElementOfType(Frame.Data.class);
		}
		assertThat(this.channel.isOpen()).isTrue();
		assertThat(this.listener.signals).doesNotContain("stalled");
	}

	@Test
	void aQuietConnectionIsNeverStalled() {
		this.connection.pauseReading(true);
		advance(10 * WRITE_TIMEOUT_MILLIS);
		assertThat(this.channel.isOpen()).isTrue();
	}

	@Test
	void framesWaitingForWritabilityThatResumesInTimeAreNotAStall() {
		this.connection.pauseReading(true);
		for (int i = 0; i < 10; i++) {
			writable(false);
			this.connection.send(new Envelope(i, Envelope.Kind.MESSAGE, 0, "t", new byte[100]));
			advance(WRITE_TIMEOUT_MILLIS * 3 / 4);
			writable(true);
			assertThat(Wire.writtenFrames(this.channel)).hasAtLeastOneElementOfType(Frame.Data.class);
		}
		assertThat(this.channel.isOpen()).isTrue();
	}

	// Advances the clock in steps of 100 ms while the channel is open; returns for how
	// long.
	private long advanceWhileOpen(long atMostMillis) {
		long elapsed = 0;
		while (this.channel.isOpen() && elapsed < atMostMillis) {
			advance(100);
			elapsed += 100;
		}
		return elapsed;
	}

	private void advance(long millis) {
		for (long step = 0; step < millis; step += 100) {
			this.channel.advanceTimeBy(Math.min(100, millis - step), TimeUnit.MILLISECONDS);
			this.channel.runScheduledPendingTasks();
			this.channel.runPendingTasks();
		}
	}

	private StuckSocket stuckSocket() {
		StuckSocket socket = new StuckSocket();
		this.channel.pipeline().addFirst(socket);
		return socket;
	}

	private void writable(boolean writable) {
		this.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
		this.channel.runPendingTasks();
	}

	private static PipelineConfig config(RecordingListener listener) {
		LocalIdentity identity = new LocalIdentity("test", NodeId.of("local"), 1L);
		identity.listenPort(7001);
		return new PipelineConfig(identity, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(60),
				Duration.ofMillis(WRITE_TIMEOUT_MILLIS), 64 * 1024, 256, listener,
				new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), null, null);
	}

	/**
	 * A socket that takes nothing until told to: flushes stop here, so what is written
	 * stays in Netty's buffer.
	 */
	static final class StuckSocket extends ChannelOutboundHandlerAdapter {

		boolean stuck = true;

		@Override
		public void flush(ChannelHandlerContext ctx) {
			if (!this.stuck) {
				ctx.flush();
			}
		}

		void take(EmbeddedChannel channel) {
			this.stuck = false;
			channel.flush();
			this.stuck = true;
		}

	}

}
