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

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * Logs refused connections without letting a hostile or misconfigured remote flood the
 * log: the first refusal from a host is a WARN, further ones from that host within a
 * minute are DEBUG.
 */
final class RejectionLog {

	private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

	private static final int MAX_HOSTS = 10_000;

	private final Map<String, Long> lastWarned = new ConcurrentHashMap<>();

	/**
	 * This node refused a connection.
	 * @param logger the logger to write to
	 * @param remote the remote address
	 * @param message why
	 */
	void refused(Logger logger, SocketAddress remote, String message) {
		log(logger, remote, "Refused connection {}: {}", message);
	}

	/**
	 * The remote refused this node's handshake.
	 * @param logger the logger to write to
	 * @param remote the remote address
	 * @param message the remote's reason
	 */
	void refusedBy(Logger logger, SocketAddress remote, String message) {
		log(logger, remote, "{} refused the handshake: {}", message);
	}

	/**
	 * This node refused a connection from a node that claims an id a live node already
	 * uses: an ERROR, since someone must fix the configuration, but as rate-limited as a
	 * warning.
	 */
	void conflict(Logger logger, SocketAddress remote, String message) {
		logError(logger, remote, "Refused connection {}: {}", message);
	}

	/**
	 * The remote refused this node's handshake because a live node already uses this
	 * node's id.
	 */
	void conflictBy(Logger logger, SocketAddress remote, String message) {
		logError(logger, remote, "{} refused the handshake: {}", message);
	}

	private void logError(Logger logger, SocketAddress remote, String format, String message) {
		if (shouldWarn(host(remote))) {
			logger.error(format, remote, message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(format, remote, message);
		}
	}

	private void log(Logger logger, SocketAddress remote, String format, String message) {
		if (shouldWarn(host(remote))) {
			logger.warn(format, remote, message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(format, remote, message);
		}
	}

	// Atomic per host: refusals of one host on two event loops at once warn once.
	boolean shouldWarn(String host) {
		long now = System.nanoTime();
		if (this.lastWarned.size() >= MAX_HOSTS) {
			// Many hosts at once is an attack on the log itself: start afresh rather than
			// grow.
			this.lastWarned.clear();
		}
		boolean[] warn = new boolean[1];
		this.lastWarned.compute(host, (key, last) -> {
			if (last != null && now - last < QUIET_NANOS) {
				return last;
			}
			warn[0] = true;
			return now;
		});
		return warn[0];
	}

	private static String host(SocketAddress remote) {
		return (remote instanceof InetSocketAddress inet && inet.getAddress() != null)
				? inet.getAddress().getHostAddress() : remote.toString();
	}

}
