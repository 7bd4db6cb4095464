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
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Unix-domain baseline's receiving side: {@link PlainSocketServer} on a socket file
 * instead of a TCP port (the JDK's {@link SocketChannel} with a
 * {@link UnixDomainSocketAddress}), the same length-prefixed messages and modes.
 *
 * <p>
 * Argument: the socket file. Commands: {@code count} → {@code @count messages bytes
 * nanoTime}. Emits {@code @ready} once it accepts.
 *
 * @since 0.1.0
 */
public final class UnixSocketServer {

	private static volatile long messages;

	private static volatile long bytes;

	private UnixSocketServer() {
	}

	/**
	 * Runs the server.
	 * @param args the socket file
	 * @throws IOException if the file cannot be bound
	 */
	public static void main(String[] args) throws IOException {
		Path file = Path.of(args[0]);
		Files.deleteIfExists(file);
		ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		server.bind(UnixDomainSocketAddress.of(file));
		Protocol.serve((command) -> {
			if (command[0].equals("count")) {
				Protocol.emit("count", messages, bytes, System.nanoTime());
			}
		});
		Protocol.emit("ready");
		while (true) {
			SocketChannel socket = server.accept();
			Thread handler = new Thread(() -> handle(socket), "unix-socket");
			handler.setDaemon(true);
			handler.start();
		}
	}

	private static void handle(SocketChannel socket) {
		try (socket) {
			DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(socket), 65536));
			int mode = in.read();
			if (mode == 'T') {
				count(in);
			}
			else if (mode == 'E') {
				echo(in, new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(socket), 65536)));
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
