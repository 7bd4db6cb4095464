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

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * A node that speaks only protocol version 1, on a raw socket, as nodes spoke it before
 * version 2 (commit a92502a): its preface and hello say version 1 (the hello's flags have
 * no version bits), the handshake completes on the hellos, and data frames are
 * {@code length, type, seq, kind, correlation id, topic, payload} with kinds 0 to 3 only.
 * It acknowledges every data frame, answers pings, and sends messages of its own. Any
 * frame a version 1 node would not know (an envelope kind with the headers bit, a version
 * 2 frame type) is recorded as a violation, as such a node would close on it.
 */
final class VersionOnePeer implements AutoCloseable {

	final NodeId nodeId = NodeId.of("version-one-" + NodeId.random().shortForm());

	final List<Envelope> received = new CopyOnWriteArrayList<>();

	final List<String> violations = new CopyOnWriteArrayList<>();

	final AtomicLong acknowledged = new AtomicLong();

	private final Socket socket = new Socket();

	// Data frames as version 1 wrote them: the codec without headers.
	private final EnvelopeCodec envelopes = new EnvelopeCodec(false);

	private final Thread reader;

	private long nextSeq = 1;

	private volatile boolean helloReceived;

	VersionOnePeer(String cluster, int port) throws IOException {
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		write(Unpooled.buffer().writeInt(TcpnetProtocol.MAGIC).writeByte(1));
		write(Wire.frame(new Frame.Hello(cluster, this.nodeId, System.currentTimeMillis(), unusedPort(), 7L, 0,
				new byte[TcpnetProtocol.CHALLENGE_LENGTH])));
		this.reader = new Thread(this::read, "version-one-peer");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	boolean helloReceived() {
		return this.helloReceived;
	}

	/** Sends a message as version 1 does. */
	synchronized void send(String topic, byte[] payload) throws IOException {
		ByteBuf buf = Unpooled.buffer();
		this.envelopes.write(new Envelope(this.nextSeq++, Envelope.Kind.MESSAGE, 0, topic, payload), buf);
		write(buf);
	}

	private void read() {
		try {
			DataInputStream in = new DataInputStream(this.socket.getInputStream());
			int magic = in.readInt();
			int version = in.readUnsignedByte();
			if (magic != TcpnetProtocol.MAGIC || version != TcpnetProtocol.MIN_VERSION) {
				this.violations.add("preface " + Integer.toHexString(magic) + " version " + version);
			}
			while (true) {
				int length = in.readInt();
				byte[] body = new byte[length];
				in.readFully(body);
				received(body);
			}
		}
		catch (EOFException | SocketException ex) {
			// Closed.
		}
		catch (IOException | RuntimeException ex) {
			this.violations.add(ex.toString());
		}
	}

	private void received(byte[] body) throws IOException {
		int type = body[0];
		if (type == TcpnetProtocol.MESSAGE && (body[9] & TcpnetProtocol.ENVELOPE_HEADERS) != 0) {
			this.violations.add("an envelope kind " + (body[9] & 0xFF) + " that version 1 does not know");
			return;
		}
		if (type > TcpnetProtocol.PEERS) {
			this.violations.add("frame type " + type + " that version 1 does not know");
			return;
		}
		Frame frame = FrameCodec.decode(Unpooled.wrappedBuffer(body), 0, body.length, this.envelopes);
		if (frame instanceof Frame.Hello) {
			this.helloReceived = true;
		}
		else if (frame instanceof Frame.Data data) {
			this.received.add(data.envelope());
			synchronized (this) {
				write(Wire.frame(new Frame.Ack(data.envelope().seq())));
			}
		}
		else if (frame instanceof Frame.Ping ping) {
			synchronized (this) {
				write(Wire.frame(new Frame.Pong(ping.nanos())));
			}
		}
		else if (frame instanceof Frame.Ack ack) {
			this.acknowledged.set(ack.seq());
		}
	}

	private void write(ByteBuf buf) throws IOException {
		try {
			OutputStream out = this.socket.getOutputStream();
			out.write(ByteBufUtil.getBytes(buf));
			out.flush();
		}
		finally {
			buf.release();
		}
	}

	@Override
	public void close() throws Exception {
		this.socket.close();
		this.reader.join(10_000);
	}

	// Where the node would redial it: a port nothing listens on.
	private static int unusedPort() throws IOException {
		try (ServerSocket server = new ServerSocket(0)) {
			return server.getLocalPort();
		}
	}

}
