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

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.peer.NodeId;
import dev.tcpnet.transport.Admission;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.ConnectionListener;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.Handshake;
import dev.tcpnet.transport.HandshakeRejectedException;
import dev.tcpnet.transport.PeerAddress;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.SelfConnectionException;
import dev.tcpnet.transport.Transport;
import dev.tcpnet.transport.TransportListener;

/**
 * A simulated network of {@link Transport}s in a {@link SimWorld}: connections are pairs
 * of ends joined by two ordered pipes with random latency; frames arrive in order and are
 * read in batches; a reset loses what is in flight. The handshake follows the version 2
 * protocol of {@code TcpnetProtocol}: the follower asks to be admitted and says it is
 * ready, the leader decides, the follower completes on the leader's welcome, each message
 * a frame in the pipe.
 */
final class SimNetwork {

	private static final ConnectionListener NO_LISTENER = new ConnectionListener() {

		@Override
		public void received(Connection connection, Envelope envelope) {
		}

		@Override
		public void acknowledged(Connection connection, long seq) {
		}

		@Override
		public void goodbye(Connection connection) {
		}

		@Override
		public void duplicate(Connection connection) {
		}

		@Override
		public void closed(Connection connection) {
		}

	};

	private final SimWorld world;

	private final Map<Integer, SimTransport> listening = new HashMap<>();

	/** Broken promises seen as they happen: two live connections of one pair. */
	final List<String> violations = new ArrayList<>();

	private int nextPort = 7000;

	private long nextLink = 1;

	SimNetwork(SimWorld world) {
		this.world = world;
	}

	SimTransport transport(NodeId nodeId, long incarnation) {
		return new SimTransport(nodeId, incarnation);
	}

	private long latency() {
		return this.world.delay(20, 2000);
	}

	/** The link of a connection the mesh holds, to compare both sides' views. */
	static long linkOf(Connection connection) {
		return ((End) connection).link.id;
	}

	final class SimTransport implements Transport {

		final NodeId nodeId;

		final long incarnation;

		private @Nullable TransportListener listener;

		private int port;

		private final List<End> ends = new ArrayList<>();

		SimTransport(NodeId nodeId, long incarnation) {
			this.nodeId = nodeId;
			this.incarnation = incarnation;
		}

		int port() {
			return this.port;
		}

		@Override
		public InetSocketAddress bind(InetSocketAddress address, TransportListener listener) {
			this.listener = listener;
			this.port = SimNetwork.this.nextPort++;
			SimNetwork.this.listening.put(this.port, this);
			return new InetSocketAddress("127.0.0.1", this.port);
		}

		@Override
		public CompletableFuture<Connection> dial(InetSocketAddress address) {
			CompletableFuture<Connection> dialed = new CompletableFuture<>();
			SimNetwork.this.world.after(latency(), () -> {
				SimTransport target = SimNetwork.this.listening.get(address.getPort());
				if (target == null || this.listener == null) {
					dialed.completeExceptionally(new ConnectException("refused: " + address));
					return;
				}
				new Link(this, target, dialed).open();
			});
			return dialed;
		}

		@Override
		public void stopAccepting() {
			SimNetwork.this.listening.remove(this.port, this);
		}

		@Override
		public void close() {
			stopAccepting();
			List.copyOf(this.ends).forEach(End::close);
		}

		/** The process dies: every connection is reset, nothing more is accepted. */
		void crash() {
			stopAccepting();
			List.copyOf(this.ends).forEach((end) -> end.link.reset());
			this.listener = null;
		}

		/** Resets the connections to a node, as a network fault would. */
		boolean resetTo(NodeId other) {
			List<End> toOther = this.ends.stream().filter((end) -> end.remote.nodeId().equals(other)).toList();
			toOther.forEach((end) -> end.link.reset());
			return !toOther.isEmpty();
		}

		TransportListener listener() {
			TransportListener current = this.listener;
			return (current != null) ? current : new TransportListener() {
				@Override
				public void connected(Connection connection) {
					connection.close();
				}
			};
		}

	}

	/** One connection: a dialer's end and an acceptor's end. */
	final class Link {

		final long id = SimNetwork.this.nextLink++;

		final End dialer;

		final End acceptor;

		private final CompletableFuture<Connection> dialed;

		private boolean open = true;

		private boolean wasReset;

		Link(SimTransport from, SimTransport to, CompletableFuture<Connection> dialed) {
			this.dialer = new End(this, from, to, Direction.OUTBOUND);
			this.acceptor = new End(this, to, from, Direction.INBOUND);
			this.dialer.other = this.acceptor;
			this.acceptor.other = this.dialer;
			this.dialed = dialed;
		}

		void open() {
			SimTransport from = this.dialer.local;
			SimTransport to = this.acceptor.local;
			if (from.nodeId.equals(to.nodeId)) {
				boolean self = from.incarnation == to.incarnation;
				this.open = false;
				this.dialed.completeExceptionally(self ? new SelfConnectionException(new InetSocketAddress(to.port))
						: new HandshakeRejectedException(RejectReason.CONFLICT, "same id"));
				return;
			}
			from.ends.add(this.dialer);
			to.ends.add(this.acceptor);
			End follower = (from.nodeId.compareTo(to.nodeId) > 0) ? this.dialer : this.acceptor;
			// Hellos cross; the follower, having read the leader's, asks to be admitted.
			SimNetwork.this.world.after(latency(), () -> {
				if (this.open) {
					follower.followerAdmits();
				}
			});
		}

		void completedAt(End end) {
			if (end == this.dialer) {
				this.dialed.complete(end);
			}
		}

		void failed(Throwable failure) {
			this.dialed.completeExceptionally(failure);
		}

		/** Lost at once, both ways, with whatever was in flight. */
		void reset() {
			if (!this.open) {
				return;
			}
			this.open = false;
			this.wasReset = true;
			this.dialer.lose();
			this.acceptor.lose();
		}

		boolean isOpen() {
			return this.open;
		}

	}

	/** One end of a link: a {@link Connection} of its transport. */
	final class End implements Connection {

		final Link link;

		final SimTransport local;

		final Handshake remote;

		final Direction direction;

		End other;

		private ConnectionListener listener = NO_LISTENER;

		private boolean admitted;

		private boolean connected;

		private boolean ended;

		private boolean finReceived;

		private boolean paused;

		private final ArrayDeque<Consumer<End>> arrived = new ArrayDeque<>();

		// Frames sent arrive in order: none before the previous one.
		private long lastArrival;

		End(Link link, SimTransport local, SimTransport remote, Direction direction) {
			this.link = link;
			this.local = local;
			this.remote = new Handshake("sim", remote.nodeId, remote.incarnation, remote.port);
			this.direction = direction;
		}

		// The handshake

		void followerAdmits() {
			Admission admission = this.local.listener().admit(this);
			if (!admission.isAdmitted()) {
				refuse(admission);
				return;
			}
			this.admitted = true;
			transmit((leader) -> leader.leaderDecides());
		}

		private void leaderDecides() {
			Admission admission = this.local.listener().admit(this);
			if (!admission.isAdmitted()) {
				refuse(admission);
				return;
			}
			// Admission and completion run back to back on one network thread; other
			// threads may
			// run in between.
			SimNetwork.this.world.after(SimNetwork.this.world.delay(0, 50), () -> {
				if (this.link.isOpen()) {
					transmit((follower) -> follower.welcomed());
					complete();
				}
				else {
					this.local.listener().abandoned(this);
					endBeforeHandshake(false);
				}
			});
		}

		private void welcomed() {
			if (this.admitted) {
				this.admitted = false;
				complete();
			}
		}

		private void complete() {
			for (End other : this.local.ends) {
				if (other != this && other.connected && !other.ended && other.link.isOpen()
						&& other.remote.equals(this.remote)) {
					SimNetwork.this.violations.add(
							this.local.nodeId + " completes " + this + " while " + other + " of the same pair is open");
				}
			}
			this.connected = true;
			this.local.listener().connected(this);
			this.link.completedAt(this);
		}

		private void refuse(Admission admission) {
			RejectReason reason = admission.refusal();
			transmit((other) -> other.refused(reason));
			endBeforeHandshake(reason == RejectReason.DUPLICATE);
			this.link.failed(new HandshakeRejectedException(reason, admission.message()));
			closeLink();
		}

		private void refused(RejectReason reason) {
			endBeforeHandshake(reason == RejectReason.DUPLICATE);
			this.link.failed(new HandshakeRejectedException(reason, "refused"));
		}

		private void endBeforeHandshake(boolean duplicate) {
			if (this.ended) {
				return;
			}
			this.ended = true;
			this.local.ends.remove(this);
			if (this.admitted) {
				this.admitted = false;
				this.local.listener().abandoned(this);
			}
			this.local.listener().closedBeforeHandshake(remoteAddress(), duplicate, transport());
		}

		// Frames

		private void transmit(Consumer<End> frame) {
			if (!this.link.isOpen()) {
				return;
			}
			End receiver = this.other;
			long at = Math.max(SimNetwork.this.world.now() + latency(), this.lastArrival);
			this.lastArrival = at;
			SimNetwork.this.world.after(at - SimNetwork.this.world.now(), () -> receiver.arrive(frame));
		}

		private void arrive(Consumer<End> frame) {
			if (this.ended || this.link.wasReset) {
				return;
			}
			this.arrived.add(frame);
			if (this.arrived.size() == 1) {
				// Reads take what has arrived by then: several frames, one read.
				SimNetwork.this.world.after(SimNetwork.this.world.delay(0, 200), this::read);
			}
		}

		private void read() {
			if (this.paused || this.ended) {
				return;
			}
			boolean any = false;
			while (!this.arrived.isEmpty() && !this.paused && !this.ended) {
				this.arrived.poll().accept(this);
				any = true;
			}
			if (any && this.connected && !this.ended) {
				this.listener.readComplete(this);
			}
			if (this.finReceived && this.arrived.isEmpty()) {
				end();
			}
		}

		private void fin() {
			this.finReceived = true;
		}

		private void closeLink() {
			if (this.link.isOpen()) {
				transmit(End::fin);
				this.link.open = false;
			}
		}

		// Reported once: closed after the handshake, or before it.
		private void end() {
			if (this.ended) {
				return;
			}
			if (!this.connected) {
				this.link.failed(new HandshakeRejectedException(RejectReason.PROTOCOL, "closed in the handshake"));
				endBeforeHandshake(false);
				return;
			}
			this.ended = true;
			this.local.ends.remove(this);
			this.listener.closed(this);
		}

		void lose() {
			this.arrived.clear();
			SimNetwork.this.world.after(latency(), this::end);
		}

		// Connection

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
			// Outbound, the peer's port; inbound, an ephemeral port unique to the link.
			return new InetSocketAddress("127.0.0.1",
					(this.direction == Direction.OUTBOUND) ? this.remote.listenPort() : 30000 + (int) this.link.id);
		}

		@Override
		public long connectionId() {
			return this.link.id;
		}

		@Override
		public int protocolVersion() {
			return 2;
		}

		@Override
		public long silentNanos() {
			// Heartbeats are not simulated: an open link to a live process is never
			// silent.
			return this.link.isOpen() ? 0 : Long.MAX_VALUE / 2;
		}

		@Override
		public void listen(ConnectionListener listener) {
			this.listener = listener;
		}

		@Override
		public void send(Envelope envelope) {
			transmit((other) -> other.listener.received(other, envelope));
		}

		@Override
		public void resume(long seq) {
			transmit((other) -> other.listener.resumed(other, seq));
		}

		@Override
		public void acknowledge(long seq) {
			transmit((other) -> other.listener.acknowledged(other, seq));
		}

		@Override
		public void pauseReading(boolean paused) {
			this.paused = paused;
			if (!paused && !this.arrived.isEmpty()) {
				SimNetwork.this.world.after(0, this::read);
			}
		}

		@Override
		public void tellPeers(List<PeerAddress> peers) {
			transmit((other) -> other.listener.peersTold(other, peers));
		}

		@Override
		public CompletableFuture<Void> goodbye() {
			transmit((other) -> other.listener.goodbye(other));
			close();
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void closeAsDuplicate() {
			transmit((other) -> other.listener.duplicate(other));
			close();
		}

		@Override
		public void close() {
			closeLink();
			SimNetwork.this.world.after(0, this::end);
		}

		@Override
		public void closeForViolation(String reason) {
			close();
		}

		@Override
		public String toString() {
			return this.remote.nodeId() + "#" + this.link.id + "(" + this.direction + ")";
		}

	}

}
