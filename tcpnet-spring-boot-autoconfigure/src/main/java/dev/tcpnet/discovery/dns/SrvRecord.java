package dev.tcpnet.discovery.dns;

import org.jspecify.annotations.Nullable;

/**
 * An SRV record (RFC 2782).
 *
 * @param port the port of the service on the target
 * @param target the host name of the target, without the trailing dot
 */
record SrvRecord(int port, String target) {

	/**
	 * Parses the presentation form {@code priority weight port target}.
	 * @param text the record
	 * @return the record, or {@code null} if it is malformed or says "no service here"
	 * (target {@code .} or port 0)
	 */
	static @Nullable SrvRecord parse(String text) {
		String[] fields = text.trim().split("\\s+");
		if (fields.length != 4 || !fields[2].matches("\\d{1,5}")) {
			return null;
		}
		int port = Integer.parseInt(fields[2]);
		String target = DnsNames.withoutTrailingDot(fields[3]);
		if (port < 1 || port > 65535 || target.isEmpty() || !DnsNames.isValid(target)) {
			return null;
		}
		return new SrvRecord(port, target);
	}

}
