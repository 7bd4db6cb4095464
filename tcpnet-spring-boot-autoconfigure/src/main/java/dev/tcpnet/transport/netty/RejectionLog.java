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

	/** This node refused a connection. */
	void refused(Logger logger, SocketAddress remote, String message) {
		log(logger, remote, "Refused connection {}: {}", message);
	}

	/** The remote refused this node's handshake. */
	void refusedBy(Logger logger, SocketAddress remote, String message) {
		log(logger, remote, "{} refused the handshake: {}", message);
	}

	private void log(Logger logger, SocketAddress remote, String format, String message) {
		if (shouldWarn(host(remote))) {
			logger.warn(format, remote, message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(format, remote, message);
		}
	}

	private boolean shouldWarn(String host) {
		long now = System.nanoTime();
		Long last = this.lastWarned.get(host);
		if (last != null && now - last < QUIET_NANOS) {
			return false;
		}
		if (this.lastWarned.size() >= MAX_HOSTS) {
			// Many hosts at once is an attack on the log itself: start afresh rather than
			// grow.
			this.lastWarned.clear();
		}
		this.lastWarned.put(host, now);
		return true;
	}

	private static String host(SocketAddress remote) {
		return (remote instanceof InetSocketAddress inet && inet.getAddress() != null)
				? inet.getAddress().getHostAddress() : remote.toString();
	}

}
