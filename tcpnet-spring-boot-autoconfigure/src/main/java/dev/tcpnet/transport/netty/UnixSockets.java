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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.transport.Admission;
import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.HandshakeRejectedException;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.SelfConnectionException;
import dev.tcpnet.transport.TcpnetProtocol;
import dev.tcpnet.transport.TransportListener;

/**
 * A node's Unix-domain socket: its file, named by the node's TCP port and network
 * namespace in the {@link UnixSocketDirectory}, and the routes to the other nodes' files
 * on this host.
 *
 * <p>
 * A node dialed at an address of this host (loopback or one of its interfaces) on port
 * {@code P} is dialed at the file its handshake advertised for {@code P}
 * ({@link TcpnetProtocol#UNIX_SOCKET_ATTRIBUTE}, learned from an earlier connection of
 * the same host), else at the file for {@code P} in this node's own directory when it
 * exists ({@link UnixSocketDirectory#socketFile}). The node that answers must state
 * {@code P} as its listen port, or the dial falls back to TCP: a wrong guess costs a
 * connection attempt, never the connection.
 */
final class UnixSockets {

	/** Set on the channels of Unix-domain connections. */
	static final AttributeKey<Boolean> UNIX = AttributeKey.valueOf(UnixSockets.class, "unix");

	/** On a Unix-domain connection this node dialed: the TCP address it stands for. */
	static final AttributeKey<InetSocketAddress> DIALED = AttributeKey.valueOf(UnixSockets.class, "dialed");

	/** The transport name of a Unix-domain connection. */
	static final String TRANSPORT = "unix";

	/** The transport name of a TCP connection. */
	static final String TCP = "tcp";

	private static final Logger logger = LoggerFactory.getLogger(UnixSockets.class);

	/**
	 * What an accepted Unix-domain connection's remote is shown as: loopback, no name.
	 */
	private static final InetSocketAddress ACCEPTED = new InetSocketAddress(loopback(), 0);

	private final UnixSocketDirectory directory;

	/** Socket files other nodes of this host advertised, by their TCP port. */
	private final Map<Integer, Path> advertised = new ConcurrentHashMap<>();

	private volatile @Nullable Path bound;

	UnixSockets(UnixSocketDirectory directory) {
		this.directory = directory;
	}

	/**
	 * Where this node's socket goes for a TCP port, after removing a stale file of a node
	 * that was killed: one that nobody answers on.
	 * @return the file, or {@code null} when a live node already listens there
	 */
	@Nullable Path claim(int port) {
		Path file = this.directory.socketFile(port);
		if (Files.exists(file)) {
			if (answers(file)) {
				logger.warn("Another process listens on {}: this node accepts no Unix-domain connections", file);
				return null;
			}
			try {
				Files.deleteIfExists(file);
				logger.debug("Removed the stale socket file {}", file);
			}
			catch (IOException ex) {
				logger.warn("Cannot remove the stale socket file {}: this node accepts no Unix-domain connections ({})",
						file, ex.toString());
				return null;
			}
		}
		return file;
	}

	/** The file is bound: only this user may connect to it. */
	void bound(Path file) throws IOException {
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		this.bound = file;
	}

	/** Removes this node's socket file, once its acceptor is closed. */
	void release() {
		Path file = this.bound;
		this.bound = null;
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				logger.debug("Could not remove {}: {}", file, ex.toString());
			}
		}
	}

	/** What this node's handshake says about its socket. */
	Map<String, String> attributes() {
		Path file = this.bound;
		if (file == null) {
			return Map.of();
		}
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put(TcpnetProtocol.HOST_ATTRIBUTE, this.directory.hostId());
		attributes.put(TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE, file.toString());
		return attributes;
	}

	/**
	 * The socket file to try first for a node at an address, or {@code null} for TCP
	 * alone. What discovery says about the node decides first: another host identity
	 * means TCP alone, the same one with a socket file of this directory means that file.
	 * @param address where the node accepts TCP connections
	 * @param discovered what discovery learned about the node (its
	 * {@link TcpnetProtocol#HOST_ATTRIBUTE} and
	 * {@link TcpnetProtocol#UNIX_SOCKET_ATTRIBUTE}), possibly nothing
	 */
	@Nullable Path route(InetSocketAddress address, Map<String, String> discovered) {
		if (!isThisHost(address.getAddress())) {
			return null;
		}
		String host = discovered.get(TcpnetProtocol.HOST_ATTRIBUTE);
		if (host != null && !host.equals(this.directory.hostId())) {
			// Another host or container that shares this one's addresses: not worth a try
			return null;
		}
		Path discoveredFile = (host != null) ? inDirectory(discovered.get(TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE)) : null;
		if (discoveredFile != null && !discoveredFile.equals(this.bound)) {
			return discoveredFile;
		}
		Path advertised = this.advertised.get(address.getPort());
		if (advertised != null) {
			return advertised;
		}
		Path guess = this.directory.socketFile(address.getPort());
		return (Files.exists(guess) && !guess.equals(this.bound)) ? guess : null;
	}

	/**
	 * A socket file discovery reported, if it is one of this directory: the host identity
	 * covers the directory, so a node of the same identity has its file here, and a file
	 * elsewhere is nothing tcpnet should connect to.
	 */
	private @Nullable Path inDirectory(@Nullable String file) {
		if (file == null) {
			return null;
		}
		try {
			Path path = Path.of(file);
			Path name = path.getFileName();
			if (path.isAbsolute() && this.directory.path().equals(path.getParent()) && name != null
					&& name.toString().endsWith(".sock")) {
				return path;
			}
		}
		catch (RuntimeException ex) {
			// An invalid path: ignored as any file elsewhere
		}
		logger.debug("Ignoring the discovered socket file {}: not a socket file of {}", file, this.directory.path());
		return null;
	}

	/** Whether a route was advertised by the node, so that its absence is news. */
	boolean isAdvertised(InetSocketAddress address) {
		return this.advertised.containsKey(address.getPort());
	}

	/** Remembers the socket a node of this host advertised in its handshake. */
	void learn(Connection connection) {
		Map<String, String> attributes = connection.remote().attributes();
		String file = attributes.get(TcpnetProtocol.UNIX_SOCKET_ATTRIBUTE);
		int port = connection.remote().listenPort();
		if (file != null && port > 0 && this.directory.hostId().equals(attributes.get(TcpnetProtocol.HOST_ATTRIBUTE))) {
			try {
				this.advertised.put(port, Path.of(file));
			}
			catch (RuntimeException ex) {
				logger.debug("Ignoring the socket file {} of {}: {}", file, connection.remote().nodeId(),
						ex.toString());
			}
		}
	}

	/** Marks a channel as a Unix-domain connection standing for a TCP address. */
	static void dialing(Channel channel, InetSocketAddress address) {
		channel.attr(UNIX).set(Boolean.TRUE);
		channel.attr(DIALED).set(address);
	}

	static boolean isUnix(Channel channel) {
		return Boolean.TRUE.equals(channel.attr(UNIX).get());
	}

	/** What a channel runs on, as {@link Connection#transport()} names it. */
	static String transportOf(Channel channel) {
		return isUnix(channel) ? TRANSPORT : TCP;
	}

	/**
	 * The remote of a Unix-domain connection as an IP address, so that the mesh can show
	 * and redial it: the address it was dialed for, or loopback with no port for one
	 * accepted (its listen port comes with its handshake).
	 */
	static InetSocketAddress remoteOf(Channel channel) {
		InetSocketAddress dialed = channel.attr(DIALED).get();
		return (dialed != null) ? dialed : ACCEPTED;
	}

	/**
	 * Whether a node dialed over a Unix-domain socket for an address is the one that
	 * listens there: it states the same port.
	 */
	static @Nullable String wrongNode(Channel channel, int listenPort) {
		InetSocketAddress dialed = channel.attr(DIALED).get();
		if (dialed == null || dialed.getPort() == listenPort) {
			return null;
		}
		return "the node on the Unix-domain socket for " + dialed + " listens on port " + listenPort;
	}

	/**
	 * Whether a failed Unix-domain dial is worth trying again over TCP: not when the node
	 * answered and refused, or keeps another connection with this one, or is this node. A
	 * wrong guess (another node answered) is.
	 */
	static boolean worthTcp(Throwable failure) {
		if (failure instanceof SelfConnectionException) {
			return false;
		}
		return !(failure instanceof HandshakeRejectedException rejected)
				|| rejected.getReason() == RejectReason.PROTOCOL;
	}

	private static InetAddress loopback() {
		try {
			return InetAddress.getByAddress(InetAddress.getLoopbackAddress().getAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean answers(Path file) {
		try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(file))) {
			return channel.isConnected();
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean isThisHost(@Nullable InetAddress address) {
		if (address == null) {
			return false;
		}
		if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
			return true;
		}
		try {
			return NetworkInterface.getByInetAddress(address) != null;
		}
		catch (SocketException ex) {
			return false;
		}
	}

	/** Learns the routes the handshakes advertise, then hands every event on. */
	static final class LearningListener implements TransportListener {

		private final TransportListener delegate;

		private final UnixSockets sockets;

		LearningListener(TransportListener delegate, UnixSockets sockets) {
			this.delegate = delegate;
			this.sockets = sockets;
		}

		@Override
		public Admission admit(Connection candidate) {
			return this.delegate.admit(candidate);
		}

		@Override
		public void abandoned(Connection candidate) {
			this.delegate.abandoned(candidate);
		}

		@Override
		public void connected(Connection connection) {
			this.sockets.learn(connection);
			this.delegate.connected(connection);
		}

		@Override
		public void opened(SocketAddress remote, Direction direction, String transport) {
			this.delegate.opened(remote, direction, transport);
		}

		@Override
		public void rejected(SocketAddress remote, RejectReason reason) {
			this.delegate.rejected(remote, reason);
		}

		@Override
		public void closedBeforeHandshake(SocketAddress remote, boolean duplicate, String transport) {
			this.delegate.closedBeforeHandshake(remote, duplicate, transport);
		}

	}

}
