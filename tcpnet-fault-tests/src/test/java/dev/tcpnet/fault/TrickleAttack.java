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
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Unauthenticated connections that each send the preface and the header of a frame
 * declaring {@code declared} bytes, then trickle its body: {@code chunk} bytes per
 * connection every {@code period}, never a hello. Non-blocking sockets on one thread, so
 * that a node that stops reading cannot hold the attacker up; a connection counts as
 * closed by the node when a read sees its end or an error. Bounded by time and by the
 * declared size.
 */
final class TrickleAttack {

	private final List<SocketChannel> channels = new ArrayList<>();

	private final long[] closedAt;

	private final long[] sent;

	private final List<String> addresses = new ArrayList<>();

	private long started;

	private TrickleAttack(int connections) {
		this.closedAt = new long[connections];
		this.sent = new long[connections];
	}

	/**
	 * Opens the connections and sends each its preface and frame header.
	 * @param port the node's port on 127.0.0.1
	 * @param connections how many
	 * @param declared the frame length each declares
	 */
	static TrickleAttack open(int port, int connections, int declared) throws IOException {
		TrickleAttack attack = new TrickleAttack(connections);
		attack.started = System.currentTimeMillis();
		byte[] head = HostileWire.concat(HostileWire.preface(), HostileWire.header(declared, HostileWire.HELLO));
		for (int i = 0; i < connections; i++) {
			SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
			channel.configureBlocking(false);
			attack.channels.add(channel);
			attack.addresses.add("/127.0.0.1:" + ((InetSocketAddress) channel.getLocalAddress()).getPort());
			attack.write(i, ByteBuffer.wrap(head));
		}
		return attack;
	}

	long started() {
		return this.started;
	}

	/** The addresses the node sees the connections at, {@code /127.0.0.1:PORT}. */
	List<String> addresses() {
		return List.copyOf(this.addresses);
	}

	/**
	 * Trickles until every connection is closed by the node or the bound passes.
	 * @param chunk bytes per connection and round
	 * @param period time between rounds
	 * @param bound longest the attack lasts
	 * @param bodyLimit the most body bytes to send on one connection (the declared size)
	 */
	void trickle(int chunk, Duration period, Duration bound, long bodyLimit) {
		byte[] body = new byte[chunk];
		Arrays.fill(body, (byte) 'x');
		long deadline = System.nanoTime() + bound.toNanos();
		while (System.nanoTime() < deadline && open() > 0) {
			for (int i = 0; i < this.channels.size(); i++) {
				if (this.closedAt[i] == 0 && !closedByNode(i) && this.sent[i] < bodyLimit) {
					int length = (int) Math.min(chunk, bodyLimit - this.sent[i]);
					write(i, ByteBuffer.wrap(body, 0, length));
				}
			}
			long pause = Math.min(period.toNanos(), deadline - System.nanoTime());
			if (pause > 0) {
				sleep(TimeUnit.NANOSECONDS.toMillis(pause));
			}
		}
		// The last look: connections closed during the final pause.
		for (int i = 0; i < this.channels.size(); i++) {
			if (this.closedAt[i] == 0) {
				closedByNode(i);
			}
		}
	}

	int open() {
		int open = 0;
		for (long closed : this.closedAt) {
			open += (closed == 0) ? 1 : 0;
		}
		return open;
	}

	/**
	 * Milliseconds from the attack's start to each connection's close by the node,
	 * sorted; open ones left out.
	 */
	long[] closeDelays() {
		return Arrays.stream(this.closedAt).filter((at) -> at > 0).map((at) -> at - this.started).sorted().toArray();
	}

	long bytesSent() {
		return Arrays.stream(this.sent).sum();
	}

	void close() {
		for (SocketChannel channel : this.channels) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

	private void write(int index, ByteBuffer bytes) {
		try {
			this.sent[index] += this.channels.get(index).write(bytes);
		}
		catch (IOException ex) {
			markClosed(index);
		}
	}

	// A read of -1 or an error: the node closed (or reset) the connection. The node sends
	// its
	// preface and hello first: read and dropped.
	private boolean closedByNode(int index) {
		ByteBuffer scratch = ByteBuffer.allocate(4096);
		try {
			int read;
			while ((read = this.channels.get(index).read(scratch)) > 0) {
				scratch.clear();
			}
			if (read < 0) {
				markClosed(index);
			}
		}
		catch (IOException ex) {
			markClosed(index);
		}
		return this.closedAt[index] != 0;
	}

	private void markClosed(int index) {
		if (this.closedAt[index] == 0) {
			this.closedAt[index] = System.currentTimeMillis();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
