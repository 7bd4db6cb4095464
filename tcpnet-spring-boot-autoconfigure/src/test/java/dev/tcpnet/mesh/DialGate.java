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

package dev.tcpnet.mesh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * TCP relays on loopback, one in front of each node, that pass nothing on until every
 * relay has accepted a connection: both nodes' dials are then in flight at once, however
 * the threads that started them were scheduled.
 */
final class DialGate implements AutoCloseable {

	private final CountDownLatch allDialed;

	private final List<ServerSocket> servers = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	DialGate(int relays) {
		this.allDialed = new CountDownLatch(relays);
	}

	/**
	 * Opens a relay to {@code targetPort}.
	 * @return the relay's port
	 */
	int relayTo(int targetPort) throws IOException {
		ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.servers.add(server);
		daemon(() -> accept(server, targetPort), "gate-accept");
		return server.getLocalPort();
	}

	private void accept(ServerSocket server, int targetPort) {
		try {
			Socket client = server.accept();
			this.sockets.add(client);
			this.allDialed.countDown();
			if (!this.allDialed.await(30, TimeUnit.SECONDS)) {
				client.close();
				return;
			}
			Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
			this.sockets.add(target);
			pump(client, target);
			pump(target, client);
		}
		catch (IOException ex) {
			// closed
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void pump(Socket from, Socket to) {
		daemon(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// closed by either side
			}
		}, "gate-pump");
	}

	private static void daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		for (Socket socket : this.sockets) {
			socket.close();
		}
		for (ServerSocket server : this.servers) {
			server.close();
		}
	}

}
