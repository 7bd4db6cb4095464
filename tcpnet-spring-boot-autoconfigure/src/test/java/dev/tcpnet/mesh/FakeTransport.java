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

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Admission;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.ConnectionListener;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.Handshake;
import dev.tcpnet.transport.PeerAddress;
import dev.tcpnet.transport.Transport;
import dev.tcpnet.transport.TransportListener;

/**
 * An in-memory transport: the test decides when dials complete and what the remote sends.
 */
class FakeTransport implements Transport {

	final List<Dial> dials = new CopyOnWriteArrayList<>();

	@Nullable TransportListener listener;

	boolean accepting;

	/** The mesh's answer to the last {@link #connectAdmitted}. */
	@Nullable Admission lastAdmission;

	@Override
	public InetSocketAddress bind(InetSocketAddress address, TransportListener listener) {
		this.listener = listener;
		this.accepting = true;
		return new InetSocketAddress(address.getAddress(), 7000);
	}

	@Override
	public CompletableFuture<Connection> dial(InetSocketAddress address) {
		Dial dial = new Dial(address, new CompletableFuture<>());
		this.dials.add(dial);
		return dial.future();
	}

	@Override
	public void stopAccepting() {
		this.accepting = false;
	}

	@Override
	public void close() {
	}

	/** A version 1 connection whose handshake just completed, in either direction. */
	FakeConnection connect(String remoteId, long incarnation, Direction direction, long connectionId) {
		FakeConnection connection = new FakeConnection(new Handshake("test", NodeId.of(remoteId), incarnation, 7100),
				direction, connectionId, 1);
		this.listener.connected(connection);
		return connection;
	}

	/**
	 * A version 2 connection that asks to be admitted, as both sides of a handshake do,
	 * and completes when admitted.
	 * @return the connection, or {@code null} when it was refused
	 */
	@Nullable FakeConnection connectAdmitted(String remoteId, long incarnation, Direction direction, long connectionId) {
		FakeConnection connection = new FakeConnection(new Handshake("test", NodeId.of(remoteId), incarnation, 7100),
				direction, connectionId, 2);
		Admission admission = this.listener.admit(connection);
		connection.admission = admission;
		this.lastAdmission = admission;
		if (!admission.isAdmitted()) {
			return null;
		}
		this.listener.connected(connection);
		return connection;
	}

	record Dial(InetSocketAddress address, CompletableFuture<Connection> future) {
	}

	static final class FakeConnection implements Connection {

		final Handshake remote;

		final Direction direction;

		final long connectionId;

		final int protocolVersion;

		volatile long silentNanos;

		@Nullable Admission admission;

		final List<Long> resumes = new CopyOnWriteArrayList<>();

		final List<String> sent = new CopyOnWriteArrayList<>();

		final List<Envelope> envelopes = new CopyOnWriteArrayList<>();

		final List<Long> acknowledgements = new CopyOnWriteArrayList<>();

		final List<PeerAddress> toldPeers = new CopyOnWriteArrayList<>();

		private long nextSeq = 1;

		@Nullable ConnectionListener listener;

		String state = "open";

		volatile boolean paused;

		FakeConnection(Handshake remote, Direction direction, long connectionId, int protocolVersion) {
			this.remote = remote;
			this.direction = direction;
			this.connectionId = connectionId;
			this.protocolVersion = protocolVersion;
		}

		@Override
		public int protocolVersion() {
			return this.protocolVersion;
		}

		@Override
		public long silentNanos() {
			return this.silentNanos;
		}

		@Override
		public void resume(long seq) {
			this.resumes.add(seq);
		}

		@Override
		public void closeForViolation(String reason) {
			this.state = "violation: " + reason;
		}

		@Override
		public Handshake remote() {
			return this.remote;
		}

		@Override
		public Direction direction() {
			return this.direction;
		}

		@Override
		public InetSocketAddress remoteAddress() {
			return new InetSocketAddress("127.0.0.1", (this.direction == Direction.OUTBOUND) ? 7100 : 50000);
		}

		@Override
		public long connectionId() {
			return this.connectionId;
		}

		@Override
		public void listen(ConnectionListener listener) {
			this.listener = listener;
		}

		@Override
		public void send(Envelope envelope) {
			this.envelopes.add(envelope);
			this.sent.add(new String(envelope.payload()));
		}

		@Override
		public void acknowledge(long seq) {
			this.acknowledgements.add(seq);
		}

		@Override
		public void pauseReading(boolean paused) {
			this.paused = paused;
		}

		@Override
		public void tellPeers(List<PeerAddress> peers) {
			this.toldPeers.addAll(peers);
		}

		@Override
		public CompletableFuture<Void> goodbye() {
			this.state = "goodbye";
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void closeAsDuplicate() {
			this.state = "duplicate";
		}

		@Override
		public void close() {
			this.state = "closed";
		}

		void remoteSays(String message) {
			remoteSends(new Envelope(this.nextSeq++, Envelope.Kind.MESSAGE, 0, "t", message.getBytes()));
		}

		void remoteSends(Envelope envelope) {
			this.listener.received(this, envelope);
			this.listener.readComplete(this);
		}

		/** One envelope of a read that goes on: no read completion yet. */
		void remoteSendsWithinARead(Envelope envelope) {
			this.listener.received(this, envelope);
		}

		void remoteReadCompletes() {
			this.listener.readComplete(this);
		}

		void remoteResumes(long seq) {
			this.listener.resumed(this, seq);
		}

		void remoteAcknowledges(long seq) {
			this.listener.acknowledged(this, seq);
		}

		void remoteGoodbye() {
			this.listener.goodbye(this);
			remoteCloses();
		}

		void remoteDuplicate() {
			this.listener.duplicate(this);
			remoteCloses();
		}

		void remoteCloses() {
			this.listener.closed(this);
		}

	}

}
