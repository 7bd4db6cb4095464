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

package dev.tcpnet.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An attacker that is a peer: a raw socket to a node on loopback that sends the preface
 * and a valid hello (protocol version 1, no flags: the node has no secret, so it admits
 * it), and then whatever the attack is, written by hand with {@link HostileWire}. It
 * never reads unless told to ({@link #drainInput}), never acknowledges, never answers a
 * ping.
 */
final class RawPeer implements AutoCloseable {

	private final String nodeId;

	private final Socket socket;

	private final OutputStream out;

	private final AtomicLong written = new AtomicLong();

	private volatile long writeFailedAt;

	private RawPeer(String nodeId, Socket socket) throws IOException {
		this.nodeId = nodeId;
		this.socket = socket;
		this.out = socket.getOutputStream();
	}

	/**
	 * Connects and sends preface and hello.
	 * @param port the node's port on 127.0.0.1
	 * @param cluster the node's cluster
	 * @param nodeId the id this peer claims
	 * @return the peer, its hello sent (the node admits it if the hello is good)
	 */
	static RawPeer admit(int port, String cluster, String nodeId) {
		return admit(port, cluster, nodeId, 0);
	}

	/**
	 * Connects with a small receive window and sends preface and hello: a peer that does
	 * not mean to read advertises little room, so that what the node writes backs up in
	 * the node, not in this machine's socket buffers (a slow-read attack).
	 * @param receiveBuffer {@code SO_RCVBUF} in bytes, set before connecting; 0 for the
	 * default
	 */
	static RawPeer admit(int port, String cluster, String nodeId, int receiveBuffer) {
		Socket socket = new Socket();
		try {
			if (receiveBuffer > 0) {
				socket.setReceiveBufferSize(receiveBuffer);
			}
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			RawPeer peer = new RawPeer(nodeId, socket);
			// A listen port where nothing listens: the node's redials fail at once,
			// quietly.
			if (!peer
				.write(HostileWire.concat(HostileWire.preface(), HostileWire.hello(cluster, nodeId, closedPort())))) {
				throw new IllegalStateException(nodeId + ": the node closed before the hello was written");
			}
			return peer;
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw new UncheckedIOException(ex);
		}
	}

	String nodeId() {
		return this.nodeId;
	}

	/**
	 * The address the node sees this peer at, as it prints it: {@code /127.0.0.1:PORT}.
	 */
	String address() {
		return "/127.0.0.1:" + this.socket.getLocalPort();
	}

	long written() {
		return this.written.get();
	}

	/**
	 * When a write first failed (the node closed or reset the connection), epoch ms; 0 if
	 * none did.
	 */
	long writeFailedAt() {
		return this.writeFailedAt;
	}

	/**
	 * Writes, blocking while the node does not read; {@link #close} from another thread
	 * ends a blocked write.
	 * @return whether every byte was written; {@code false} once the connection is gone
	 */
	boolean write(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.written.addAndGet(bytes.length);
			return true;
		}
		catch (IOException ex) {
			if (this.writeFailedAt == 0) {
				this.writeFailedAt = System.currentTimeMillis();
			}
			return false;
		}
	}

	/**
	 * Reads and discards whatever the node sends, on a thread of its own, until the end.
	 */
	void drainInput() {
		Thread reader = new Thread(() -> {
			byte[] buffer = new byte[64 * 1024];
			try {
				InputStream in = this.socket.getInputStream();
				while (in.read(buffer) >= 0) {
					// discarded
				}
			}
			catch (IOException ex) {
				// closed
			}
		}, "raw-peer-reader-" + this.nodeId);
		reader.setDaemon(true);
		reader.start();
	}

	@Override
	public void close() {
		closeQuietly(this.socket);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return probe.getLocalPort();
		}
	}

}
