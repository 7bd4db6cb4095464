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

package dev.tcpnet.discovery.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Checks of the names and the server address that DNS discovery is configured with.
 */
final class DnsNames {

	static final int DEFAULT_DNS_PORT = 53;

	/** A label as host names and service names ({@code _tcpnet}) use them. */
	private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

	private static final int MAX_NAME_LENGTH = 253;

	private DnsNames() {
	}

	static boolean isValid(String name) {
		String bare = withoutTrailingDot(name);
		if (bare.isEmpty() || bare.length() > MAX_NAME_LENGTH) {
			return false;
		}
		for (String label : bare.split("\\.", -1)) {
			if (!LABEL.matcher(label).matches()) {
				return false;
			}
		}
		return true;
	}

	static String withoutTrailingDot(String name) {
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

	static boolean isServiceName(String name) {
		return name.startsWith("_");
	}

	static void checkName(String name, int port) {
		if (!isValid(name)) {
			throw new IllegalArgumentException("Invalid DNS name '" + name
					+ "': expected a fully qualified name such as _tcpnet._tcp.tcpnet.default.svc.cluster.local");
		}
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Invalid port " + port + " for DNS name '" + name
					+ "': expected 0 (ports from SRV records) or 1 to 65535 (with A/AAAA records)");
		}
		if (port != 0 && isServiceName(name)) {
			throw new IllegalArgumentException("DNS name '" + name + "' is an SRV name but port " + port
					+ " asks for A/AAAA records: use port 0 to take the ports from its SRV records");
		}
	}

	static InetSocketAddress parseServer(String server) {
		String trimmed = server.trim();
		int close = trimmed.startsWith("[") ? trimmed.indexOf(']') : -1;
		int colon = (close >= 0) ? trimmed.indexOf(':', close) : trimmed.lastIndexOf(':');
		if (trimmed.startsWith("[") && (close < 0 || (colon != close + 1 && close != trimmed.length() - 1))) {
			throw invalidServer(server, "an IPv6 address must be in brackets, for example [::1]:53");
		}
		String host = (colon >= 0) ? trimmed.substring(0, colon) : trimmed;
		int port = (colon >= 0) ? port(server, trimmed.substring(colon + 1)) : DEFAULT_DNS_PORT;
		return InetSocketAddress.createUnresolved(host(server, host), port);
	}

	private static String host(String server, String host) {
		if (host.startsWith("[")) {
			String literal = host.substring(1, host.length() - 1);
			try {
				// In brackets InetAddress only accepts a literal and never asks DNS
				InetAddress.getByName(host);
			}
			catch (UnknownHostException ex) {
				throw invalidServer(server, "'" + host + "' is not an IPv6 address");
			}
			return literal;
		}
		if (host.contains(":")) {
			throw invalidServer(server, "an IPv6 address must be in brackets, for example [::1]:53");
		}
		if (!isValid(host)) {
			throw invalidServer(server, "'" + host + "' is not a host name or IPv4 address");
		}
		return host;
	}

	private static int port(String server, String port) {
		if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
			throw invalidServer(server, "the port must be a number from 1 to 65535");
		}
		return Integer.parseInt(port);
	}

	private static IllegalArgumentException invalidServer(String server, String reason) {
		return new IllegalArgumentException(
				"Invalid DNS server '" + server + "' (expected host, host:port or [IPv6]:port): " + reason);
	}

}
