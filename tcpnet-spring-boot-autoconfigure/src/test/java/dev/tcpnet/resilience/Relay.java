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

package dev.tcpnet.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback whose connections the test can reset, as a cut cable or a
 * crashed middlebox would.
 */
final class Relay implements AutoCloseable {

	private final ServerSocket server;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	/** Bytes a second each way, or 0 for as fast as loopback goes. */
	private final int bytesPerSecond;

	Relay(int targetPort) throws IOException {
		this(targetPort, 0);
	}

	/**
	 * A relay that passes at most {@code bytesPerSecond} each way, as a slow link does.
	 */
	Relay(int targetPort, int bytesPerSecond) throws IOException {
		this.bytesPerSecond = bytesPerSecond;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> accept(targetPort), "relay-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Resets every relayed connection (RST, not FIN). */
	void reset() {
		for (Socket socket : this.sockets) {
			try {
				socket.setSoLinger(true, 0);
				socket.close();
			}
			catch (IOException ex) {
				// already gone
			}
		}
		this.sockets.clear();
	}

	private void accept(int targetPort) {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
				this.sockets.add(client);
				this.sockets.add(target);
				pump(client, target);
				pump(target, client);
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				if (this.bytesPerSecond > 0) {
					throttled(in, out);
				}
				else {
					in.transferTo(out);
				}
			}
			catch (IOException ex) {
				// reset or closed
			}
		}, "relay-pump");
		thread.setDaemon(true);
		thread.start();
	}

	/** Ten chunks a second, each a tenth of the rate. */
	private void throttled(InputStream in, OutputStream out) throws IOException {
		byte[] chunk = new byte[Math.max(1, this.bytesPerSecond / 10)];
		int read;
		while ((read = in.read(chunk)) != -1) {
			out.write(chunk, 0, read);
			out.flush();
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void close() throws IOException {
		reset();
		this.server.close();
	}

}
