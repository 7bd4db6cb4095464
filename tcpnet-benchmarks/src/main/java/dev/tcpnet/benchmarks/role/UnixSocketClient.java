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
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The Unix-domain baseline's sending side: {@link PlainSocketClient} on a socket file,
 * with the same commands ({@code send size seconds}, {@code stop},
 * {@code ping size warmup
 * count seconds}) and answers.
 *
 * @since 0.1.0
 */
public final class UnixSocketClient {

	private final UnixDomainSocketAddress server;

	private volatile boolean stop;

	private volatile Thread sender;

	private long sent;

	private SocketChannel throughput;

	private DataOutputStream throughputOut;

	private SocketChannel echo;

	private UnixSocketClient(UnixDomainSocketAddress server) {
		this.server = server;
	}

	/**
	 * Runs the client.
	 * @param args the server's socket file
	 * @throws InterruptedException never: the client runs until killed
	 */
	public static void main(String[] args) throws InterruptedException {
		UnixSocketClient client = new UnixSocketClient(UnixDomainSocketAddress.of(Path.of(args[0])));
		Protocol.serve(client::command);
		Protocol.emit("ready");
		Thread.currentThread().join();
	}

	private void command(String[] command) {
		try {
			switch (command[0]) {
				case "send" -> startSending(Integer.parseInt(command[1]), Double.parseDouble(command[2]));
				case "stop" -> stopSending();
				case "ping" -> ping(Integer.parseInt(command[1]), Integer.parseInt(command[2]),
						Integer.parseInt(command[3]), Double.parseDouble(command[4]));
				default -> Protocol.emit("error", "unknown command " + command[0]);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void startSending(int size, double seconds) throws IOException {
		if (this.throughput == null) {
			this.throughput = connect('T');
			this.throughputOut = new DataOutputStream(
					new BufferedOutputStream(Channels.newOutputStream(this.throughput), 65536));
		}
		this.stop = false;
		this.sent = 0;
		DataOutputStream out = this.throughputOut;
		byte[] payload = new byte[size];
		long deadline = System.nanoTime() + (long) (seconds * 1e9);
		Thread thread = new Thread(() -> {
			try {
				long count = 0;
				while (!this.stop && System.nanoTime() < deadline) {
					for (int i = 0; i < 64; i++) {
						out.writeInt(size);
						out.write(payload);
					}
					count += 64;
				}
				out.flush();
				this.sent = count;
			}
			catch (IOException ex) {
				Protocol.emit("error", "send", ex);
			}
		}, "sender");
		this.sender = thread;
		thread.start();
	}

	private void stopSending() throws InterruptedException {
		this.stop = true;
		Thread thread = this.sender;
		if (thread != null) {
			thread.join(30_000);
		}
		Protocol.emit("stopped", this.sent, 0);
	}

	private void ping(int size, int warmup, int count, double seconds) throws IOException {
		if (this.echo == null) {
			this.echo = connect('E');
		}
		DataOutputStream out = new DataOutputStream(
				new BufferedOutputStream(Channels.newOutputStream(this.echo), 65536));
		DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(this.echo), 65536));
		byte[] payload = new byte[size];
		byte[] reply = new byte[size];
		long[] nanos = new long[count];
		long deadline = System.nanoTime() + (long) (seconds * 1e9);
		int measured = 0;
		for (int i = 0; i < warmup + count && System.nanoTime() < deadline; i++) {
			long start = System.nanoTime();
			out.writeInt(size);
			out.write(payload);
			out.flush();
			in.readFully(reply, 0, in.readInt());
			if (i >= warmup) {
				nanos[measured++] = System.nanoTime() - start;
			}
		}
		Protocol.emitLatency(nanos, measured);
	}

	private SocketChannel connect(char mode) throws IOException {
		SocketChannel socket = SocketChannel.open(this.server);
		socket.write(ByteBuffer.wrap(new byte[] { (byte) mode }));
		return socket;
	}

}
