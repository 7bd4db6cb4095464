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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny TCP relay on loopback that forwards every connection to a target and records the
 * bytes the first connection's client sent: what a man in the middle captures.
 */
final class RecordingRelay implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final Thread acceptor;

	private volatile boolean first = true;

	RecordingRelay(int targetPort) {
		this.targetPort = targetPort;
		try {
			this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.acceptor = new Thread(this::accept, "relay-accept");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** The bytes the first client sent so far. */
	byte[] captured() {
		synchronized (this.captured) {
			return this.captured.toByteArray();
		}
	}

	private void accept() {
		// Bounded: a legitimate node dials the relay once; a few redials at most.
		for (int i = 0; i < 100 && !this.server.isClosed(); i++) {
			try {
				Socket client = this.server.accept();
				Socket target = new Socket();
				this.sockets.add(client);
				this.sockets.add(target);
				target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.targetPort), 5000);
				boolean record = this.first;
				this.first = false;
				pump(client, target, record, "relay-up");
				pump(target, client, false, "relay-down");
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void pump(Socket from, Socket to, boolean record, String name) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					if (record) {
						synchronized (this.captured) {
							this.captured.write(buffer, 0, read);
						}
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() {
		closeQuietly(this.server);
		this.sockets.forEach(RecordingRelay::closeQuietly);
		try {
			this.acceptor.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// closing anyway
		}
	}

}
