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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

import org.jspecify.annotations.Nullable;

/**
 * One round of lookups: the addresses that a name lists now.
 *
 * <p>
 * In SRV mode (port 0) every SRV record is a node: priorities and weights, meant for
 * choosing one server, are ignored. Targets are resolved with A and AAAA queries to the
 * same server, not with {@code InetAddress}, whose cache would keep removed records and
 * whose resolver may be another. In A/AAAA mode every address of the name is a node on
 * the configured port.
 */
final class DnsPeerResolver {

	private static final List<String> ADDRESS_TYPES = List.of("A", "AAAA");

	private final DnsLookup lookup;

	private final String name;

	private final int port;

	DnsPeerResolver(DnsLookup lookup, String name, int port) {
		this.lookup = lookup;
		this.name = name;
		this.port = port;
	}

	boolean srvMode() {
		return this.port == 0;
	}

	Round resolve() {
		Round round = new Round();
		if (srvMode()) {
			resolveServices(round);
		}
		else {
			resolveHost(round, this.name, this.port);
		}
		return round;
	}

	private void resolveServices(Round round) {
		String query = this.name + " SRV";
		try {
			List<String> records = this.lookup.query(this.name, "SRV");
			if (records.isEmpty()) {
				round.failed(query, new NameNotFoundException("no SRV records; give a port to use A/AAAA records"));
				return;
			}
			round.succeeded(query);
			for (String text : records) {
				SrvRecord record = SrvRecord.parse(text);
				if (record != null) {
					resolveHost(round, record.target(), record.port());
				}
			}
		}
		catch (NamingException | RuntimeException ex) {
			round.failed(query, ex);
		}
	}

	private void resolveHost(Round round, String host, int port) {
		String query = host + " A/AAAA";
		try {
			List<InetAddress> addresses = addressesOf(host);
			if (addresses.isEmpty()) {
				round.failed(query, new NameNotFoundException("no A/AAAA records"));
				return;
			}
			addresses.forEach((address) -> round.found(new InetSocketAddress(address, port)));
			round.succeeded(query);
		}
		catch (NamingException | RuntimeException ex) {
			round.failed(query, ex);
		}
	}

	/**
	 * Queries A and AAAA records. One type failing is not fatal when the other answers: a
	 * few servers mishandle AAAA queries.
	 * @param host the host name
	 * @return its addresses, possibly none
	 */
	private List<InetAddress> addressesOf(String host) throws NamingException {
		List<InetAddress> addresses = new ArrayList<>();
		NamingException failure = null;
		for (String type : ADDRESS_TYPES) {
			try {
				for (String literal : this.lookup.query(host, type)) {
					addIfLiteral(addresses, host, literal);
				}
			}
			catch (NameNotFoundException ex) {
				throw ex;
			}
			catch (NamingException ex) {
				failure = ex;
			}
		}
		if (addresses.isEmpty() && failure != null) {
			throw failure;
		}
		return addresses;
	}

	private static void addIfLiteral(List<InetAddress> addresses, String host, String literal) {
		InetAddress address = literal(literal);
		if (address != null) {
			try {
				// Keeps the name for logs; never asks DNS
				addresses.add(InetAddress.getByAddress(DnsNames.withoutTrailingDot(host), address.getAddress()));
			}
			catch (UnknownHostException ex) {
				// Cannot happen: the address has a valid length
			}
		}
	}

	/**
	 * Parses an address literal without ever asking DNS: {@code InetAddress.getByName}
	 * would resolve anything that is not a literal, such as {@code 999.1.1.1}.
	 * @param text the text to parse
	 * @return the address, or {@code null} when the text is not an IPv4 or IPv6 literal
	 */
	static @Nullable InetAddress literal(String text) {
		try {
			if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
				return InetAddress.getByAddress(ipv4(text));
			}
			if (text.matches("[0-9A-Fa-f:.]+") && text.contains(":")) {
				// In brackets InetAddress only accepts a literal
				return InetAddress.getByName("[" + text + "]");
			}
		}
		catch (UnknownHostException | IllegalArgumentException ex) {
			// Not a literal after all
		}
		return null;
	}

	private static byte[] ipv4(String text) {
		String[] parts = text.split("\\.");
		byte[] bytes = new byte[4];
		for (int i = 0; i < 4; i++) {
			int value = Integer.parseInt(parts[i]);
			if (value > 255) {
				throw new IllegalArgumentException(text);
			}
			bytes[i] = (byte) value;
		}
		return bytes;
	}

	/**
	 * What one round found, and which queries failed or succeeded.
	 */
	static final class Round {

		private final Set<InetSocketAddress> addresses = new LinkedHashSet<>();

		private final Map<String, Exception> failures = new LinkedHashMap<>();

		private final Set<String> successes = new LinkedHashSet<>();

		void found(InetSocketAddress address) {
			this.addresses.add(address);
		}

		void failed(String query, Exception failure) {
			this.failures.put(query, failure);
		}

		void succeeded(String query) {
			this.successes.add(query);
		}

		/**
		 * Every distinct address, in the order DNS listed them.
		 * @return the addresses found
		 */
		Set<InetSocketAddress> addresses() {
			return this.addresses;
		}

		/**
		 * The queries that failed (such as {@code name SRV}), with why.
		 * @return the failed queries, each with its failure
		 */
		Map<String, Exception> failures() {
			return this.failures;
		}

		/**
		 * The queries that were answered.
		 * @return the answered queries
		 */
		Set<String> successes() {
			return this.successes;
		}

	}

}
