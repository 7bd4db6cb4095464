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

package dev.tcpnet.benchmarks.role;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The baseline's receiving side: a plain Java server on 127.0.0.1 speaking
 * length-prefixed messages ({@code int} length, then the bytes). A connection's first
 * byte says what it is for: {@code T} counts what arrives (throughput), {@code E} echoes
 * every message (ping-pong).
 *
 * <p>
 * Commands: {@code count} → {@code @count messages bytes nanoTime}.
 *
 * @since 0.1.0
 */
public final class PlainSocketServer {

	private static volatile long messages;

	private static volatile long bytes;

	private PlainSocketServer() {
	}

	public static void main(String[] args) throws IOException {
		ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Protocol.serve((command) -> {
			if (command[0].equals("count")) {
				Protocol.emit("count", messages, bytes, System.nanoTime());
			}
		});
		Protocol.emit("port", server.getLocalPort());
		while (true) {
			Socket socket = server.accept();
			Thread handler = new Thread(() -> handle(socket), "socket-" + socket.getPort());
			handler.setDaemon(true);
			handler.start();
		}
	}

	private static void handle(Socket socket) {
		try (socket) {
			socket.setTcpNoDelay(true);
			DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65536));
			int mode = in.read();
			if (mode == 'T') {
				count(in);
			}
			else if (mode == 'E') {
				echo(in, new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 65536)));
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static void count(DataInputStream in) throws IOException {
		byte[] buffer = new byte[1 << 20];
		long count = messages;
		long total = bytes;
		while (true) {
			int length = in.readInt();
			in.readFully(buffer, 0, length);
			total += length;
			bytes = total;
			messages = ++count;
		}
	}

	private static void echo(DataInputStream in, DataOutputStream out) throws IOException {
		byte[] buffer = new byte[1 << 20];
		while (true) {
			int length = in.readInt();
			in.readFully(buffer, 0, length);
			out.writeInt(length);
			out.write(buffer, 0, length);
			out.flush();
		}
	}

}
