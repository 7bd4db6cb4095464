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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * A peer on a raw socket that completes the handshake (version 1, no secret) and then
 * only writes: it floods pings and never reads a byte, as a hung or hostile peer would.
 * Its receive buffer is made small, so that what the node writes to it backs up soon.
 */
final class NeverReadingPeer implements AutoCloseable {

	/** Bounds of the flood, whatever happens to the test. */
	private static final Duration MAX_FLOODING = Duration.ofMinutes(2);

	private static final int PINGS_PER_WRITE = 512;

	final NodeId nodeId = NodeId.of("never-reads-" + NodeId.random().shortForm());

	private final Socket socket = new Socket();

	private final AtomicLong pingsSent = new AtomicLong();

	private volatile boolean flooding;

	private Thread flood;

	/**
	 * Connects and says hello.
	 * @param cluster the node's cluster
	 * @param port the node's port on 127.0.0.1
	 */
	NeverReadingPeer(String cluster, int port) {
		try {
			this.socket.setReceiveBufferSize(4096);
			this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			OutputStream out = this.socket.getOutputStream();
			out.write(bytes(Wire.preface()));
			out.write(bytes(Wire.frame(new Frame.Hello(cluster, this.nodeId, 1L, unusedPort(), 1L, 0,
					new byte[TcpnetProtocol.CHALLENGE_LENGTH]))));
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The local end: how the node names this peer in its log. */
	InetSocketAddress localAddress() {
		return (InetSocketAddress) this.socket.getLocalSocketAddress();
	}

	/**
	 * Writes pings from another thread until the node closes the connection, or the
	 * bound.
	 */
	void startFlooding() {
		ByteArrayOutputStream pings = new ByteArrayOutputStream();
		for (int i = 0; i < PINGS_PER_WRITE; i++) {
			pings.writeBytes(bytes(Wire.frame(new Frame.Ping(i))));
		}
		byte[] burst = pings.toByteArray();
		this.flooding = true;
		this.flood = new Thread(() -> {
			long deadline = System.nanoTime() + MAX_FLOODING.toNanos();
			try {
				OutputStream out = this.socket.getOutputStream();
				while (this.flooding && System.nanoTime() < deadline) {
					out.write(burst);
					this.pingsSent.addAndGet(PINGS_PER_WRITE);
				}
			}
			catch (IOException ex) {
				// The node closed the connection.
			}
		}, "never-reading-peer");
		this.flood.setDaemon(true);
		this.flood.start();
	}

	long pingsSent() {
		return this.pingsSent.get();
	}

	/**
	 * Whether the flood ended because the connection did (reset or closed by the node).
	 */
	boolean floodEnded() {
		return this.flood != null && !this.flood.isAlive();
	}

	@Override
	public void close() throws Exception {
		this.flooding = false;
		this.socket.close();
		if (this.flood != null) {
			this.flood.join(10_000);
		}
	}

	private static byte[] bytes(ByteBuf buf) {
		try {
			return ByteBufUtil.getBytes(buf);
		}
		finally {
			buf.release();
		}
	}

	// Where the node would redial it: a port nothing listens on.
	private static int unusedPort() throws IOException {
		try (ServerSocket server = new ServerSocket(0)) {
			return server.getLocalPort();
		}
	}

}
