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

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import io.netty.channel.Channel;
import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * The sockets and event loops a transport runs on: Netty's native epoll transport on
 * Linux when it is on the class path (the starter brings it), Java NIO otherwise.
 *
 * <p>
 * Why epoll: a thread that hands a write to an NIO event loop wakes its selector under a
 * lock that the woken loop takes at once to clear the wake-up, so a request and its reply
 * contend for that lock (three contended entries per round trip, measured), and Netty's
 * NIO loop wakes itself once more after every wake-up. Epoll's wake-up is one write to an
 * event descriptor: the sending node made 8.7 system calls per round trip instead of
 * 14.4.
 *
 * @param name {@code epoll} or {@code nio}
 * @param handlers makes the event loops' I/O handlers
 * @param serverChannel the acceptor's channel type
 * @param channel the connections' channel type
 * @param domainServerChannel the Unix-domain acceptor's channel type
 * @param domainChannel the Unix-domain connections' channel type
 * @param domainAddress the address of a socket file as the domain channels take it
 */
record IoTransport(String name, IoHandlerFactory handlers, Class<? extends ServerChannel> serverChannel,
		Class<? extends Channel> channel, Class<? extends ServerChannel> domainServerChannel,
		Class<? extends Channel> domainChannel, Function<Path, SocketAddress> domainAddress) {

	private static final Logger logger = LoggerFactory.getLogger(IoTransport.class);

	private static final boolean EPOLL_PRESENT = ClassUtils.isPresent("io.netty.channel.epoll.Epoll",
			IoTransport.class.getClassLoader());

	/**
	 * Chooses epoll when preferred and available, NIO otherwise; network threads that
	 * sleep as soon as they find nothing to do.
	 * @param preferNative whether to use epoll when it is available
	 * @return the transport
	 */
	static IoTransport choose(boolean preferNative) {
		return choose(preferNative, Duration.ZERO);
	}

	/**
	 * Chooses epoll when preferred and available, NIO otherwise.
	 * @param preferNative whether to use epoll when it is available
	 * @param busyPoll how long a busy network thread polls before it sleeps (zero: it
	 * does not)
	 * @return the transport
	 */
	static IoTransport choose(boolean preferNative, Duration busyPoll) {
		SelectStrategyFactory strategies = BusyPoll.factory(busyPoll);
		IoTransport epoll = (preferNative && EPOLL_PRESENT) ? NativeEpoll.ifAvailable(strategies) : null;
		IoTransport chosen = (epoll != null) ? epoll : nio(strategies);
		logger.debug("Running on Netty's {} transport", chosen.name());
		return chosen;
	}

	static IoTransport nio() {
		return nio(DefaultSelectStrategyFactory.INSTANCE);
	}

	private static IoTransport nio(SelectStrategyFactory strategies) {
		// The JDK's Unix-domain SocketChannel (Java 16+) under Netty's NIO channels
		return new IoTransport("nio", NioIoHandler.newFactory(SelectorProvider.provider(), strategies),
				NioServerSocketChannel.class, NioSocketChannel.class, NioServerDomainSocketChannel.class,
				NioDomainSocketChannel.class, UnixDomainSocketAddress::of);
	}

	/** Touches the epoll classes only when they are on the class path. */
	private static final class NativeEpoll {

		static @Nullable IoTransport ifAvailable(SelectStrategyFactory strategies) {
			if (!Epoll.isAvailable()) {
				logger.debug("Netty's epoll transport is not available, using NIO: {}",
						String.valueOf(Epoll.unavailabilityCause()));
				return null;
			}
			return new IoTransport("epoll", EpollIoHandler.newFactory(0, strategies), EpollServerSocketChannel.class,
					EpollSocketChannel.class, EpollServerDomainSocketChannel.class, EpollDomainSocketChannel.class,
					(path) -> new DomainSocketAddress(path.toFile()));
		}

	}

}
