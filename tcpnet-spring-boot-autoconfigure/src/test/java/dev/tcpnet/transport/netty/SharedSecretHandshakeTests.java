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

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.SharedSecret;
import dev.tcpnet.transport.TcpnetProtocol;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared-secret handshake of an inbound connection, driven as a remote node would:
 * the right proof lets it in, anything else is refused, and the secret never crosses the
 * wire.
 */
class SharedSecretHandshakeTests {

	private static final String SECRET_TEXT = "correct horse battery staple";

	private static final NodeId LOCAL = NodeId.of("local");

	private static final NodeId REMOTE = NodeId.of("remote");

	private final SharedSecret secret = new SharedSecret(SECRET_TEXT);

	private final RecordingListener listener = new RecordingListener();

	private final EmbeddedChannel channel = Channels.inbound(LOCAL, 64 * 1024, this.listener, this.secret, 256);

	private final byte[] remoteChallenge = challenge((byte) 7);

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void rightProofCompletesTheHandshake() {
		Frame.Hello localHello = sendHello(TcpnetProtocol.FLAG_SECRET);
		assertThat(localHello.requiresSecret()).isTrue();
		byte[] proof = this.secret.proof("test", REMOTE, LOCAL, this.remoteChallenge, localHello.challenge());
		this.channel.writeInbound(Wire.frame(new Frame.Auth(proof)));
		assertThat(this.listener.connected).hasSize(1);
		assertThat(this.listener.rejected).isEmpty();
	}

	@Test
	void localProofCoversBothChallengesAndBothIds() {
		Frame.Hello localHello = sendHello(TcpnetProtocol.FLAG_SECRET);
		assertThat(Wire.writtenFrames(this.channel)).singleElement()
			.isInstanceOfSatisfying(Frame.Auth.class, (auth) -> assertThat(auth.proof())
				.isEqualTo(this.secret.proof("test", LOCAL, REMOTE, localHello.challenge(), this.remoteChallenge)));
	}

	@Test
	void wrongSecretIsRefused() {
		Frame.Hello localHello = sendHello(TcpnetProtocol.FLAG_SECRET);
		byte[] proof = new SharedSecret("wrong").proof("test", REMOTE, LOCAL, this.remoteChallenge,
				localHello.challenge());
		this.channel.writeInbound(Wire.frame(new Frame.Auth(proof)));
		assertRefused(RejectReason.AUTH);
	}

	@Test
	void replayedProofFromAnEarlierConnectionIsRefused() {
		byte[] earlierLocalChallenge = challenge((byte) 1);
		byte[] captured = this.secret.proof("test", REMOTE, LOCAL, this.remoteChallenge, earlierLocalChallenge);
		sendHello(TcpnetProtocol.FLAG_SECRET);
		this.channel.writeInbound(Wire.frame(new Frame.Auth(captured)));
		assertRefused(RejectReason.AUTH);
	}

	@Test
	void reflectedProofIsRefused() {
		Frame.Hello localHello = sendHello(TcpnetProtocol.FLAG_SECRET);
		Frame.Auth ownProof = (Frame.Auth) Wire.writtenFrames(this.channel).get(0);
		assertThat(localHello).isNotNull();
		this.channel.writeInbound(Wire.frame(ownProof));
		assertRefused(RejectReason.AUTH);
	}

	@Test
	void nodeWithoutSecretIsRefused() {
		sendHello(0);
		assertRefused(RejectReason.AUTH);
	}

	@Test
	void messageBeforeTheProofIsAProtocolViolation() {
		sendHello(TcpnetProtocol.FLAG_SECRET);
		this.channel.writeInbound(Wire.frame(HandshakeAndFramingTests.message("x")));
		assertRefused(RejectReason.PROTOCOL);
		assertThat(this.listener.messages).isEmpty();
	}

	@Test
	void nodeWithoutSecretRefusesNodeThatRequiresOne() {
		RecordingListener plainListener = new RecordingListener();
		EmbeddedChannel plain = Channels.inbound(LOCAL, 64 * 1024, plainListener, null, 256);
		plain.writeInbound(Wire.preface(), Wire.frame(hello(TcpnetProtocol.FLAG_SECRET)));
		plain.runPendingTasks();
		assertThat(plain.isOpen()).isFalse();
		assertThat(plainListener.rejected).containsExactly(RejectReason.AUTH);
		plain.finishAndReleaseAll();
	}

	@Test
	void secretNeverCrossesTheWire() {
		Frame.Hello localHello = sendHello(TcpnetProtocol.FLAG_SECRET);
		ByteBuf written = Unpooled.buffer();
		for (Object out = this.channel.readOutbound(); out != null; out = this.channel.readOutbound()) {
			written.writeBytes((ByteBuf) out);
			((ByteBuf) out).release();
		}
		byte[] secretBytes = SECRET_TEXT.getBytes(StandardCharsets.UTF_8);
		assertThat(ByteBufUtil.indexOf(Unpooled.wrappedBuffer(secretBytes), written)).isEqualTo(-1);
		assertThat(written.toString(StandardCharsets.ISO_8859_1)).doesNotContain("horse");
		assertThat(localHello.challenge()).isNotEqualTo(new byte[TcpnetProtocol.CHALLENGE_LENGTH]);
		written.release();
		assertThat(this.secret.toString()).doesNotContain("horse");
	}

	@Test
	void connectionsBeyondThePendingLimitAreClosedAtOnce() {
		RecordingListener limited = new RecordingListener();
		PipelineConfig config = Channels.config(LOCAL, 64 * 1024, limited, null, 1);
		EmbeddedChannel first = new EmbeddedChannel(
				new TcpnetChannelInitializer(config, dev.tcpnet.peer.Direction.INBOUND, null));
		EmbeddedChannel second = new EmbeddedChannel(
				new TcpnetChannelInitializer(config, dev.tcpnet.peer.Direction.INBOUND, null));
		assertThat(first.isOpen()).isTrue();
		assertThat(second.isOpen()).isFalse();
		assertThat(limited.rejected).containsExactly(RejectReason.LIMIT);
		first.close();
		assertThat(config.pendingHandshakes()).isZero();
		first.finishAndReleaseAll();
		second.finishAndReleaseAll();
	}

	/** Sends the remote's preface and hello; returns the hello this node sent. */
	private Frame.Hello sendHello(int flags) {
		Frame.Hello localHello = (Frame.Hello) Wire.written(this.channel).get(0);
		this.channel.writeInbound(Wire.preface(), Wire.frame(hello(flags)));
		return localHello;
	}

	private Frame.Hello hello(int flags) {
		return new Frame.Hello("test", REMOTE, 1L, 7000, 42L, flags, this.remoteChallenge);
	}

	private void assertRefused(RejectReason reason) {
		this.channel.runPendingTasks();
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.listener.connected).isEmpty();
		assertThat(this.listener.rejected).containsExactly(reason);
	}

	private static byte[] challenge(byte fill) {
		byte[] bytes = new byte[TcpnetProtocol.CHALLENGE_LENGTH];
		java.util.Arrays.fill(bytes, fill);
		return bytes;
	}

}
