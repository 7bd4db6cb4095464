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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.HandshakeRejectedException;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.SharedSecret;
import dev.tcpnet.transport.TcpnetProtocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Two transports of one host over their Unix-domain sockets, on epoll and on NIO: real
 * socket files in a private directory, the fallback to TCP when the file is unusable.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnixSocketTransportTests {

	private final List<NettyTransport> transports = new ArrayList<>();

	@TempDir
	Path temp;

	@AfterEach
	void close() {
		this.transports.forEach(NettyTransport::close);
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void nodesOfOneHostConnectOverThePrivateSocketFile(boolean nativeTransport) throws Exception {
		UnixSocketDirectory directory = UnixSocketDirectory.prepare(this.temp.resolve("sockets"));
		NettyTransport a = transport("a", nativeTransport, directory, null);
		NettyTransport b = transport("b", nativeTransport, directory, null);
		RecordingListener aSide = new RecordingListener();
		RecordingListener bSide = new RecordingListener();
		a.bind(loopback(), aSide);
		InetSocketAddress bAddress = b.bind(loopback(), bSide);
		Path file = b.unixSocketFile();
		assertThat(file).isEqualTo(directory.socketFile(bAddress.getPort()));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.path())))
			.isEqualTo("rwx------");
		Connection dialed = a.dial(bAddress).get(10, TimeUnit.SECONDS);
		assertThat(dialed.transport()).isEqualTo("unix");
		assertThat(dialed.remoteAddress()).isEqualTo(bAddress);
		assertThat(((NettyConnection) dialed).channel().getClass().getSimpleName())
			.isEqualTo(nativeTransport ? "EpollDomainSocketChannel" : "NioDomainSocketChannel");
		await().untilAsserted(() -> assertThat(bSide.connected).hasSize(1));
		Connection accepted = bSide.connected.get(0);
		assertThat(accepted.transport()).isEqualTo("unix");
		assertThat(accepted.remote().nodeId()).isEqualTo(NodeId.of("a"));
		assertThat(accepted.remote().attributes()).containsEntry(TcpnetProtocol.HOST_ATTRIBUTE, directory.hostId())
			.containsEntry(TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE, a.unixSocketFile().toString());
		dialed.send(envelope("to-b"));
		accepted.send(envelope("to-a"));
		await().untilAsserted(() -> {
			assertThat(bSide.messages).containsExactly("chat:to-b");
			assertThat(aSide.messages).containsExactly("chat:to-a");
		});
		b.close();
		assertThat(file).doesNotExist();
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void aGoneSocketFileFallsBackToTcpWithOneLineAndIsTriedAgainNextTime(boolean nativeTransport, CapturedOutput output)
			throws Exception {
		UnixSocketDirectory directory = UnixSocketDirectory.prepare(this.temp.resolve("sockets"));
		NettyTransport a = transport("a", nativeTransport, directory, null);
		NettyTransport b = transport("b", nativeTransport, directory, null);
		a.bind(loopback(), new RecordingListener());
		InetSocketAddress bAddress = b.bind(loopback(), new RecordingListener());
		Connection first = a.dial(bAddress).get(10, TimeUnit.SECONDS);
		assertThat(first.transport()).isEqualTo("unix");
		first.close();
		Path file = b.unixSocketFile();
		Files.delete(file);
		Connection second = a.dial(bAddress).get(10, TimeUnit.SECONDS);
		assertThat(second.transport()).isEqualTo("tcp");
		assertThat(second.remote().nodeId()).isEqualTo(NodeId.of("b"));
		assertThat(output.getOut()).containsOnlyOnce(
				"The Unix-domain socket " + file + " of the node at " + bAddress + " is gone, dialing it over TCP");
		second.close();
		// A file nobody listens on: the dial is refused, TCP again, and said once more
		Files.createFile(file);
		Connection third = a.dial(bAddress).get(10, TimeUnit.SECONDS);
		assertThat(third.transport()).isEqualTo("tcp");
		assertThat(output.getOut())
			.containsOnlyOnce("Could not reach the node at " + bAddress + " on its Unix-domain socket " + file);
	}

	@Test
	void whatDiscoverySaysOfTheNodeDecidesWhetherItsFileIsTried(CapturedOutput output) throws Exception {
		UnixSocketDirectory directory = UnixSocketDirectory.prepare(this.temp.resolve("sockets"));
		NettyTransport a = transport("a", false, directory, null);
		NettyTransport b = transport("b", false, directory, null);
		a.bind(loopback(), new RecordingListener());
		InetSocketAddress bAddress = b.bind(loopback(), new RecordingListener());
		String file = b.unixSocketFile().toString();
		assertThat(b.sameHostAttributes()).containsEntry(TcpnetProtocol.HOST_ATTRIBUTE, directory.hostId())
			.containsEntry(TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE, file);
		// Another host identity: TCP at once, though a file for the port is there
		Connection elsewhere = a
			.dial(bAddress,
					Map.of(TcpnetProtocol.HOST_ATTRIBUTE, "another-host", TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE, file))
			.get(10, TimeUnit.SECONDS);
		assertThat(elsewhere.transport()).isEqualTo("tcp");
		elsewhere.close();
		Connection here = a.dial(bAddress, b.sameHostAttributes()).get(10, TimeUnit.SECONDS);
		assertThat(here.transport()).isEqualTo("unix");
		here.close();
		// A file outside the socket directory is not dialed; the one for the port is
		Connection outside = a
			.dial(bAddress, Map.of(TcpnetProtocol.HOST_ATTRIBUTE, directory.hostId(),
					TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE, this.temp.resolve("elsewhere.sock").toString()))
			.get(10, TimeUnit.SECONDS);
		assertThat(outside.transport()).isEqualTo("unix");
		assertThat(output.getOut()).doesNotContain("dialing it over TCP");
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void aSocketFileOfAnotherNodeFallsBackToTcp(boolean nativeTransport) throws Exception {
		UnixSocketDirectory directory = UnixSocketDirectory.prepare(this.temp.resolve("sockets"));
		UnixSocketDirectory elsewhere = UnixSocketDirectory.prepare(this.temp.resolve("elsewhere"));
		NettyTransport a = transport("a", nativeTransport, directory, null);
		NettyTransport b = transport("b", nativeTransport, elsewhere, null);
		NettyTransport c = transport("c", nativeTransport, directory, null);
		a.bind(loopback(), new RecordingListener());
		InetSocketAddress bAddress = b.bind(loopback(), new RecordingListener());
		c.bind(loopback(), new RecordingListener());
		// Where a guesses b's file is c's
		Files.createSymbolicLink(directory.socketFile(bAddress.getPort()), c.unixSocketFile());
		Connection dialed = a.dial(bAddress).get(10, TimeUnit.SECONDS);
		assertThat(dialed.remote().nodeId()).isEqualTo(NodeId.of("b"));
		assertThat(dialed.transport()).isEqualTo("tcp");
	}

	@Test
	void aNodeOfThisHostWithAnotherDirectoryIsDialedOnTheFileItAdvertised() throws Exception {
		UnixSocketDirectory directory = UnixSocketDirectory.prepare(this.temp.resolve("sockets"));
		UnixSocketDirectory elsewhere = UnixSocketDirectory.prepare(this.temp.resolve("elsewhere"));
		NettyTransport a = transport("a", true, directory, null);
		NettyTransport b = transport("b", true, elsewhere, null);
		a.bind(loopback(), new RecordingListener());
		InetSocketAddress bAddress = b.bind(loopback(), new RecordingListener());
		Connection first = a.dial(bAddress).get(10, TimeUnit.SECONDS);
		// Nothing to guess from: TCP, and the handshake tells where b's socket is, but
		// a's
		// host identity differs (the directory is part of it): TCP again
		assertThat(first.transport()).isEqualTo("tcp");
		assertThat(directory.hostId()).isNotEqualTo(elsewhere.hostId());
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void theSharedSecretStillAppliesOverTheSocketFile(boolean nativeTransport) throws Exception {
		UnixSocketDirectory directory = UnixSocketDirectory.prepare(this.temp.resolve("sockets"));
		NettyTransport a = transport("a", nativeTransport, directory, new SharedSecret("the-right-one"));
		NettyTransport b = transport("b", nativeTransport, directory, new SharedSecret("another-one"));
		NettyTransport c = transport("c", nativeTransport, directory, new SharedSecret("the-right-one"));
		a.bind(loopback(), new RecordingListener());
		RecordingListener bSide = new RecordingListener();
		InetSocketAddress bAddress = b.bind(loopback(), bSide);
		InetSocketAddress cAddress = c.bind(loopback(), new RecordingListener());
		CompletableFuture<Connection> refused = a.dial(bAddress);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOfSatisfying(HandshakeRejectedException.class,
					(rejected) -> assertThat(rejected.getReason()).isEqualTo(RejectReason.AUTH));
		// Refused once, over the socket file: not tried again over TCP
		await().untilAsserted(() -> assertThat(bSide.rejected).containsExactly(RejectReason.AUTH));
		assertThat(bSide.connected).isEmpty();
		assertThat(a.dial(cAddress).get(10, TimeUnit.SECONDS).transport()).isEqualTo("unix");
	}

	@Test
	void aStaleSocketFileIsReplacedAndALiveOneIsLeftAlone() throws Exception {
		UnixSocketDirectory directory = UnixSocketDirectory.prepare(this.temp.resolve("sockets"));
		int stalePort = freePort();
		Path stale = directory.socketFile(stalePort);
		// What a killed process leaves: a socket file nobody listens on
		try (ServerSocketChannel killed = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
			killed.bind(UnixDomainSocketAddress.of(stale));
		}
		assertThat(stale).exists();
		NettyTransport a = transport("a", true, directory, null);
		a.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), stalePort), new RecordingListener());
		assertThat(a.unixSocketFile()).isEqualTo(stale);
		int livePort = freePort();
		Path live = directory.socketFile(livePort);
		try (ServerSocketChannel other = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
			other.bind(UnixDomainSocketAddress.of(live));
			NettyTransport b = transport("b", true, directory, null);
			b.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), livePort), new RecordingListener());
			assertThat(b.unixSocketFile()).isNull();
			assertThat(live).exists();
		}
	}

	private NettyTransport transport(String id, boolean nativeTransport, UnixSocketDirectory directory,
			SharedSecret secret) {
		NettyTransport.Settings settings = new NettyTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
				Duration.ofSeconds(1), Duration.ofSeconds(3), 1 << 20, 16, 1, nativeTransport, secret, null);
		NettyTransport transport = new NettyTransport("unix-socket-tests", NodeId.of(id), 1, settings);
		transport.unixSocket(directory);
		this.transports.add(transport);
		return transport;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static InetSocketAddress loopback() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
	}

	private static Envelope envelope(String text) {
		return new Envelope(1, Envelope.Kind.MESSAGE, 0, "chat", text.getBytes(StandardCharsets.UTF_8));
	}

}
