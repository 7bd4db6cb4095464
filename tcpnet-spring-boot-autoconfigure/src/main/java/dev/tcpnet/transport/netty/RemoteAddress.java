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

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

import io.netty.channel.Channel;

/**
 * The remote end of a channel as an address alone, the same on every transport. Netty's
 * epoll transport names a peer it dialed by the host string it was dialed with
 * ({@code 127.0.0.1/127.0.0.1:7000} where NIO says {@code /127.0.0.1:7000}), and keeps
 * the scope of a link-local IPv6 peer ({@code fe80::1%2}) only in that string: its
 * address alone could not be dialed again.
 */
final class RemoteAddress {

	private RemoteAddress() {
	}

	/**
	 * Returns a channel's remote address without a host name, a link-local one with its
	 * scope.
	 * @param channel the channel
	 * @return the address, or whatever the channel reports if it is not an IP address
	 */
	static SocketAddress of(Channel channel) {
		if (UnixSockets.isUnix(channel)) {
			return UnixSockets.remoteOf(channel);
		}
		SocketAddress reported = channel.remoteAddress();
		return (reported instanceof InetSocketAddress inet) ? addressOnly(inet) : reported;
	}

	static InetSocketAddress addressOnly(InetSocketAddress reported) {
		InetAddress address = reported.getAddress();
		if (address == null) {
			return reported;
		}
		try {
			return new InetSocketAddress(withoutHostName(address, reported.getHostString()), reported.getPort());
		}
		catch (UnknownHostException ex) {
			return reported;
		}
	}

	private static InetAddress withoutHostName(InetAddress address, String hostString) throws UnknownHostException {
		if (address instanceof Inet6Address v6) {
			if (v6.getScopedInterface() != null) {
				return Inet6Address.getByAddress(null, v6.getAddress(), v6.getScopedInterface());
			}
			if (v6.getScopeId() != 0) {
				return Inet6Address.getByAddress(null, v6.getAddress(), v6.getScopeId());
			}
			if (v6.isLinkLocalAddress() && isScopedLiteral(hostString)) {
				// An IPv6 literal: parsed, never looked up.
				return InetAddress.getByName(hostString);
			}
		}
		return InetAddress.getByAddress(address.getAddress());
	}

	private static boolean isScopedLiteral(String host) {
		return host.indexOf(':') >= 0 && host.indexOf('%') > 0;
	}

}
