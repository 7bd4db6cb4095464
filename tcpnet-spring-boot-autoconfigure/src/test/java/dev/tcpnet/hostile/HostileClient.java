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

package dev.tcpnet.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw sockets to a node on loopback, every one closed by {@link #close()}.
 */
final class HostileClient implements AutoCloseable {

	private final List<Socket> sockets = new ArrayList<>();

	synchronized Socket connect(int port) {
		Socket socket = new Socket();
		this.sockets.add(socket);
		try {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	synchronized void track(Socket socket) {
		this.sockets.add(socket);
	}

	/**
	 * Writes bytes; a reset or broken pipe (the node already closed) is not an error
	 * here.
	 * @return whether every byte was written
	 */
	static boolean writeQuietly(Socket socket, byte[] bytes) {
		try {
			socket.getOutputStream().write(bytes);
			socket.getOutputStream().flush();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Reads until the node closes the connection or the bound passes.
	 * @param socket the socket
	 * @param bound how long to wait at most
	 * @return what was read and how the reading ended
	 */
	static Outcome readUntilClosed(Socket socket, Duration bound) {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		long deadline = System.nanoTime() + bound.toNanos();
		byte[] buffer = new byte[8192];
		try {
			socket.setSoTimeout(100);
			InputStream in = socket.getInputStream();
			while (System.nanoTime() < deadline) {
				try {
					int read = in.read(buffer);
					if (read < 0) {
						return new Outcome(received.toByteArray(), Ending.EOF);
					}
					received.write(buffer, 0, read);
				}
				catch (SocketTimeoutException ex) {
					// nothing yet: wait on
				}
			}
			return new Outcome(received.toByteArray(), Ending.STILL_OPEN);
		}
		catch (SocketException ex) {
			// "Connection reset": the node closed with bytes of ours unread.
			return new Outcome(received.toByteArray(), Ending.RESET);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads exactly {@code length} bytes, or fewer if the connection ends or the bound
	 * passes.
	 */
	static byte[] readUpTo(Socket socket, int length, Duration bound) {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		long deadline = System.nanoTime() + bound.toNanos();
		byte[] buffer = new byte[length];
		try {
			socket.setSoTimeout(100);
			InputStream in = socket.getInputStream();
			while (received.size() < length && System.nanoTime() < deadline) {
				try {
					int read = in.read(buffer, 0, length - received.size());
					if (read < 0) {
						break;
					}
					received.write(buffer, 0, read);
				}
				catch (SocketTimeoutException ex) {
					// nothing yet: wait on
				}
			}
		}
		catch (IOException ex) {
			// closed or reset: return what came
		}
		return received.toByteArray();
	}

	@Override
	public synchronized void close() {
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		this.sockets.clear();
	}

	/**
	 * How reading a connection ended.
	 */
	enum Ending {

		/** The node closed the connection. */
		EOF,

		/** The node reset the connection. */
		RESET,

		/** The connection was still open when the bound passed. */
		STILL_OPEN;

		boolean closedByNode() {
			return this != STILL_OPEN;
		}

	}

	/**
	 * What was read from a connection and how the reading ended.
	 *
	 * @param received the bytes received
	 * @param ending how it ended
	 */
	record Outcome(byte[] received, Ending ending) {

		List<HostileWire.Frame> frames() {
			return HostileWire.parse(this.received);
		}

		@Override
		public String toString() {
			return "Outcome[" + this.received.length + " bytes, " + this.ending + "]";
		}

	}

}
