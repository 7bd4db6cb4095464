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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TcpnetProtocol;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline of one inbound connection, driven byte by byte: the handshake, its
 * refusals and the framing limits.
 */
class HandshakeAndFramingTests {

	private static final int MAX_FRAME = 64 * 1024;

	private static final NodeId LOCAL = NodeId.of("local");

	private final RecordingListener listener = new RecordingListener();

	private final EmbeddedChannel channel = newChannel();

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void sendsPrefaceAndHelloAsSoonAsActive() {
		assertThat(Wire.written(this.channel)).singleElement().isInstanceOfSatisfying(Frame.Hello.class, (hello) -> {
			assertThat(hello.cluster()).isEqualTo("test");
			assertThat(hello.nodeId()).isEqualTo(LOCAL);
			assertThat(hello.listenPort()).isEqualTo(7001);
		});
	}

	@Test
	void completedHandshakeHandsOverConnectionAndDeliversMessages() {
		this.channel.writeInbound(Wire.preface(), Wire.frame(hello("test", "remote")));
		assertThat(this.listener.connected).singleElement().satisfies((connection) -> {
			assertThat(connection.remote().nodeId()).isEqualTo(NodeId.of("remote"));
			assertThat(connection.remote().listenPort()).isEqualTo(7000);
			assertThat(connection.direction()).isEqualTo(Direction.INBOUND);
			assertThat(connection.connectionId()).isEqualTo(42L);
		});
		this.channel.writeInbound(Wire.frame(message("hi")));
		this.channel.writeInbound(Wire.frame(new Frame.Goodbye()));
		assertThat(this.listener.messages).containsExactly("chat:hi");
		assertThat(this.listener.signals).containsExactly("goodbye");
		assertThat(this.channel.isOpen()).isTrue();
	}

	@Test
	void framesInTheReadThatCompletesTheHandshakeReachTheConnection() {
		this.channel.writeInbound(Wire.preface(), Unpooled.wrappedBuffer(Wire.frame(hello("test", "remote")),
				Wire.frame(message("one")), Wire.frame(message("two")), Wire.frame(new Frame.Goodbye())));
		assertThat(this.listener.connected).hasSize(1);
		assertThat(this.listener.messages).containsExactly("chat:one", "chat:two");
		assertThat(this.listener.signals).containsExactly("goodbye");
	}

	@Test
	void anInboundHandlerBetweenTheDecoderAndTheConnectionSeesEveryFrame() {
		List<String> seen = new ArrayList<>();
		// Where a customizer may put one: frames skip the pipeline only when none is
		// there.
		this.channel.pipeline().addAfter("frames", "spy", recordingFrames(seen));
		this.channel.writeInbound(Wire.preface(), Wire.frame(hello("test", "remote")));
		this.channel.writeInbound(Wire.frame(message("hi")), Wire.frame(new Frame.Ping(1)));
		assertThat(seen).containsExactly("Hello", "Data", "Ping");
		assertThat(this.listener.messages).containsExactly("chat:hi");
	}

	@Test
	void withNothingBetweenThemFramesGoStraightFromTheDecoderToTheConnection() {
		handshake();
		List<String> seen = new ArrayList<>();
		// Too late to be seen: the decoder chose its path when the handshake completed.
		this.channel.pipeline().addAfter("frames", "late", recordingFrames(seen));
		this.channel.writeInbound(Wire.frame(message("hi")));
		assertThat(seen).isEmpty();
		assertThat(this.listener.messages).containsExactly("chat:hi");
	}

	@Test
	void aHandshakeFrameAfterTheHandshakeClosesTheConnectionAndNothingAfterItIsDelivered() {
		handshake();
		this.channel
			.writeInbound(Unpooled.wrappedBuffer(Wire.frame(hello("test", "remote")), Wire.frame(message("after"))));
		assertClosedWith(RejectReason.PROTOCOL);
		assertThat(this.listener.messages).isEmpty();
	}

	@Test
	void wrongMagicClosesWithoutReply() {
		drainOutbound();
		this.channel.writeInbound(Wire.preface(0x47455420, 1));
		assertClosedWith(RejectReason.MAGIC);
		assertThat(Wire.written(this.channel)).isEmpty();
	}

	@Test
	void wrongVersionIsRefusedWithReason() {
		drainOutbound();
		this.channel.writeInbound(Wire.preface(TcpnetProtocol.MAGIC, 9));
		assertClosedWith(RejectReason.VERSION);
		assertThat(Wire.writtenFrames(this.channel)).singleElement()
			.isInstanceOfSatisfying(Frame.Reject.class,
					(reject) -> assertThat(reject.reason()).isEqualTo(RejectReason.VERSION));
	}

	@Test
	void wrongClusterIsRefusedWithReason() {
		drainOutbound();
		this.channel.writeInbound(Wire.preface(), Wire.frame(hello("other", "remote")));
		assertClosedWith(RejectReason.CLUSTER);
		assertThat(Wire.writtenFrames(this.channel)).singleElement()
			.isInstanceOfSatisfying(Frame.Reject.class,
					(reject) -> assertThat(reject.reason()).isEqualTo(RejectReason.CLUSTER));
		assertThat(this.listener.connected).isEmpty();
	}

	@Test
	void oversizeLengthClosesOnTheHeaderAlone() {
		handshake();
		ByteBuf header = Wire.rawFrame(MAX_FRAME + 1);
		this.channel.writeInbound(header);
		assertClosedWith(RejectReason.LIMIT);
		assertThat(this.listener.signals).containsExactly("closed");
	}

	@Test
	void twoGigabyteLengthClosesOnTheHeaderAlone() {
		handshake();
		this.channel.writeInbound(Wire.rawFrame(Integer.MAX_VALUE));
		assertClosedWith(RejectReason.LIMIT);
	}

	@Test
	void negativeLengthIsAProtocolViolation() {
		handshake();
		this.channel.writeInbound(Wire.rawFrame(-5));
		assertClosedWith(RejectReason.PROTOCOL);
	}

	@Test
	void truncatedFrameThenCloseDeliversNothing() {
		handshake();
		ByteBuf frame = Wire.frame(message("x".repeat(100)));
		this.channel.writeInbound(frame.readRetainedSlice(50));
		frame.release();
		this.channel.close();
		assertThat(this.listener.messages).isEmpty();
		assertThat(this.listener.rejected).isEmpty();
		assertThat(this.listener.signals).containsExactly("closed");
	}

	@Test
	void messageBeforeHandshakeIsAProtocolViolation() {
		this.channel.writeInbound(Wire.preface(), Wire.frame(message("x")));
		assertClosedWith(RejectReason.PROTOCOL);
		assertThat(this.listener.connected).isEmpty();
		assertThat(this.listener.messages).isEmpty();
	}

	@Test
	void unknownFrameTypeClosesTheConnection() {
		handshake();
		this.channel.writeInbound(Wire.rawFrame(1, (byte) 99));
		assertClosedWith(RejectReason.PROTOCOL);
		assertThat(this.listener.signals).containsExactly("closed");
	}

	@Test
	void malformedHelloClosesTheConnection() {
		this.channel.writeInbound(Wire.preface(), Wire.rawFrame(3, TcpnetProtocol.HELLO, (byte) 0, (byte) 200));
		assertClosedWith(RejectReason.PROTOCOL);
		assertThat(this.listener.connected).isEmpty();
	}

	@Test
	void silentConnectionIsClosedAfterTheHandshakeTimeout() {
		this.channel.advanceTimeBy(4, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();
		assertThat(this.channel.isOpen()).isTrue();
		this.channel.advanceTimeBy(2, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();
		assertClosedWith(RejectReason.TIMEOUT);
	}

	@Test
	void completedHandshakeCancelsTheTimeout() {
		handshake();
		this.channel.advanceTimeBy(10, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();
		assertThat(this.channel.isOpen()).isTrue();
	}

	@Test
	void connectionToSelfIsClosedQuietly() {
		this.channel.writeInbound(Wire.preface(), Wire.frame(hello("test", LOCAL.value())));
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.listener.connected).isEmpty();
		assertThat(this.listener.rejected).isEmpty();
	}

	// Records the simple name of every frame it passes on.
	private static ChannelInboundHandlerAdapter recordingFrames(List<String> seen) {
		return new ChannelInboundHandlerAdapter() {

			@Override
			public void channelRead(ChannelHandlerContext ctx, Object msg) {
				seen.add(msg.getClass().getSimpleName());
				ctx.fireChannelRead(msg);
			}

		};
	}

	private void handshake() {
		this.channel.writeInbound(Wire.preface(), Wire.frame(hello("test", "remote")));
		assertThat(this.listener.connected).hasSize(1);
	}

	private void drainOutbound() {
		Wire.written(this.channel);
	}

	private void assertClosedWith(RejectReason reason) {
		this.channel.runPendingTasks();
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.listener.rejected).containsExactly(reason);
	}

	static Frame.Data message(String text) {
		return new Frame.Data(new Envelope(1, Envelope.Kind.MESSAGE, 0, "chat", text.getBytes()));
	}

	private static Frame.Hello hello(String cluster, String nodeId) {
		return new Frame.Hello(cluster, NodeId.of(nodeId), 1L, 7000, 42L, 0, new byte[TcpnetProtocol.CHALLENGE_LENGTH]);
	}

	private EmbeddedChannel newChannel() {
		return Channels.inbound(LOCAL, MAX_FRAME, this.listener, null, 256);
	}

}
