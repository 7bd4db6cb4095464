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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.Envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The native epoll transport where Linux has it, NIO where asked for (and on other
 * systems): real sockets, and a node on each talking to the other.
 */
class IoTransportTests {

	private final List<NettyTransport> transports = new ArrayList<>();

	@AfterEach
	void close() {
		this.transports.forEach(NettyTransport::close);
	}

	@Test
	void nativeEpollRunsWhenPreferredAndAvailable() {
		// The starter brings the native library for Linux on x86-64 and ARM64: CI runs
		// there.
		assertThat(Epoll.isAvailable()).as("epoll on this machine: %s", Epoll.unavailabilityCause()).isTrue();
		assertThat(transport("a", true).ioTransportName()).isEqualTo("epoll");
	}

	@Test
	void nioRunsWhenNativeIsNotWanted() {
		assertThat(transport("a", false).ioTransportName()).isEqualTo("nio");
		assertThat(IoTransport.nio().channel().getSimpleName()).isEqualTo("NioSocketChannel");
	}

	@Test
	void propertyChoosesTheTransportOfTheAutoConfiguredNode() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TcpnetAutoConfiguration.class))
			.withPropertyValues("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false");
		runner.run((context) -> assertThat(context.getBean(NettyTransport.class).ioTransportName()).isEqualTo("epoll"));
		runner.withPropertyValues("tcpnet.server.native-transport=false")
			.run((context) -> assertThat(context.getBean(NettyTransport.class).ioTransportName()).isEqualTo("nio"));
	}

	@Test
	void epollAndNioNodesHandshakeAndExchangeMessages() {
		NettyTransport epoll = transport("epoll-node", true);
		NettyTransport nio = transport("nio-node", false);
		RecordingListener epollSide = new RecordingListener();
		RecordingListener nioSide = new RecordingListener();
		InetSocketAddress epollAddress = epoll.bind(loopback(), epollSide);
		nio.bind(loopback(), nioSide);
		nio.dial(epollAddress);
		await().untilAsserted(() -> {
			assertThat(epollSide.connected).hasSize(1);
			assertThat(nioSide.connected).hasSize(1);
		});
		nioSide.connected.get(0).send(envelope("to-epoll"));
		epollSide.connected.get(0).send(envelope("to-nio"));
		await().untilAsserted(() -> {
			assertThat(epollSide.messages).containsExactly("chat:to-epoll");
			assertThat(nioSide.messages).containsExactly("chat:to-nio");
		});
		Connection fromNio = epollSide.connected.get(0);
		assertThat(fromNio.remote().nodeId()).isEqualTo(NodeId.of("nio-node"));
	}

	@Test
	void epollNodeThatPollsAnswersEveryRequestOfAnotherThreadInOrder() throws InterruptedException {
		assertRoundTripsWithBusyPoll(true);
	}

	@Test
	void nioNodeThatPollsAnswersEveryRequestOfAnotherThreadInOrder() throws InterruptedException {
		assertRoundTripsWithBusyPoll(false);
	}

	// Round trips one at a time, each sent by this thread once the last reply is in: the
	// pattern a busy poll is for, where each request reaches a network thread that polls.
	private void assertRoundTripsWithBusyPoll(boolean nativeTransport) throws InterruptedException {
		Duration poll = Duration.ofMillis(1);
		NettyTransport server = transport("echo-server", nativeTransport, poll);
		NettyTransport client = transport("echo-client", nativeTransport, poll);
		RecordingListener echoes = new RecordingListener() {

			@Override
			public void received(Connection connection, Envelope envelope) {
				connection.send(new Envelope(envelope.seq(), Envelope.Kind.MESSAGE, 0, "echo", envelope.payload()));
			}

		};
		BlockingQueue<String> replies = new LinkedBlockingQueue<>();
		RecordingListener requester = new RecordingListener() {

			@Override
			public void received(Connection connection, Envelope envelope) {
				replies.add(new String(envelope.payload(), StandardCharsets.UTF_8));
			}

		};
		client.bind(loopback(), requester);
		client.dial(server.bind(loopback(), echoes));
		await().until(() -> requester.connected.size() == 1);
		Connection connection = requester.connected.get(0);
		for (int i = 1; i <= 500; i++) {
			connection.send(new Envelope(i, Envelope.Kind.MESSAGE, 0, "chat",
					Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
			assertThat(replies.poll(10, TimeUnit.SECONDS)).as("reply %d", i).isEqualTo(Integer.toString(i));
		}
		assertThat(server.ioTransportName()).isEqualTo(nativeTransport ? "epoll" : "nio");
	}

	private NettyTransport transport(String id, boolean nativeTransport) {
		return transport(id, nativeTransport, Duration.ZERO);
	}

	private NettyTransport transport(String id, boolean nativeTransport, Duration busyPoll) {
		NettyTransport.Settings settings = new NettyTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
				Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(3), 1 << 20, 16, 1, nativeTransport,
				null, null, busyPoll);
		NettyTransport transport = new NettyTransport("io-transport-tests", NodeId.of(id), 1, settings);
		this.transports.add(transport);
		return transport;
	}

	private static InetSocketAddress loopback() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
	}

	private static Envelope envelope(String text) {
		return new Envelope(1, Envelope.Kind.MESSAGE, 0, "chat", text.getBytes(StandardCharsets.UTF_8));
	}

}
