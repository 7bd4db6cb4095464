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

package dev.tcpnet.discovery.mdns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy that decides which local addresses mDNS runs on.
 *
 * <p>
 * Configured entries are interface names, simple globs ({@code eth*}), IP addresses or
 * CIDR blocks. Without entries, every interface that is up, supports multicast and is
 * neither loopback nor virtual (Docker, VM bridges, VPN tunnels) qualifies; when none
 * does, mDNS runs on {@code 127.0.0.1} so that nodes on this machine still find each
 * other.
 */
final class MdnsInterfaces {

	/** The property that configures the entries, named in error messages. */
	static final String PROPERTY = "tcpnet.discovery.mdns.interfaces";

	private static final Logger logger = LoggerFactory.getLogger(MdnsInterfaces.class);

	private static final List<String> VIRTUAL_NAME_PREFIXES = List.of("docker", "veth", "br-", "virbr", "tun", "utun");

	private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final InetAddress LOOPBACK = ipv4(new byte[] { 127, 0, 0, 1 });

	private MdnsInterfaces() {
	}

	/**
	 * Selects the addresses mDNS runs on.
	 * @param entries the configured entries; empty for automatic selection
	 * @param interfaces the interfaces of this machine
	 * @return the selected addresses, without duplicates, never empty
	 * @throws IllegalArgumentException if an entry is invalid or matches nothing
	 */
	static List<InetAddress> select(List<String> entries, List<LocalInterface> interfaces) {
		return entries.isEmpty() ? automatic(interfaces) : configured(entries, interfaces);
	}

	private static List<InetAddress> configured(List<String> entries, List<LocalInterface> interfaces) {
		List<LocalInterface> up = interfaces.stream().filter(LocalInterface::up).toList();
		Set<InetAddress> selected = new LinkedHashSet<>();
		for (String entry : entries) {
			List<InetAddress> matched = Entry.parse(entry).select(up);
			if (matched.isEmpty()) {
				throw new IllegalArgumentException("No network interface that is up matches '" + entry + "' in '"
						+ PROPERTY + "'; use an interface name, a glob such as eth*, an IP address or a CIDR block "
						+ "of this machine");
			}
			selected.addAll(matched);
		}
		return List.copyOf(selected);
	}

	private static List<InetAddress> automatic(List<LocalInterface> interfaces) {
		Set<InetAddress> selected = new LinkedHashSet<>();
		for (LocalInterface candidate : interfaces) {
			String reason = reasonToSkip(candidate);
			if (reason != null) {
				logger.debug("Not using network interface {} for mDNS: {}", candidate.name(), reason);
				continue;
			}
			selected.addAll(preferredAddresses(candidate, true));
		}
		if (selected.isEmpty()) {
			logger.warn("No network interface qualifies for mDNS (up, multicast, not loopback, not virtual, with a "
					+ "routable address): using 127.0.0.1, so only nodes on this machine can find this node. To reach "
					+ "other machines set '{}', or list peers in 'tcpnet.discovery.static.peers'", PROPERTY);
			return List.of(LOOPBACK);
		}
		return List.copyOf(selected);
	}

	private static @Nullable String reasonToSkip(LocalInterface candidate) {
		if (!candidate.up()) {
			return "it is down";
		}
		if (candidate.loopback()) {
			return "it is a loopback interface";
		}
		if (!candidate.multicast()) {
			return "it does not support multicast";
		}
		if (isVirtual(candidate.name())) {
			return "its name says it is virtual (container, VM bridge or tunnel)";
		}
		return null;
	}

	private static boolean isVirtual(String name) {
		return VIRTUAL_NAME_PREFIXES.stream().anyMatch(name::startsWith);
	}

	/**
	 * Returns an interface's IPv4 addresses, or its IPv6 addresses that are not
	 * link-local when it has no IPv4 address. Only a configured interface that has
	 * nothing else gets its link-local IPv6 addresses: a peer can dial one only with the
	 * scope of its own interface on that link, which it adds to what mDNS tells it.
	 * @param candidate the interface
	 * @param automatic whether loopback and link-local addresses are to be left out
	 * @return the addresses to use
	 */
	private static List<InetAddress> preferredAddresses(LocalInterface candidate, boolean automatic) {
		List<InetAddress> ipv4 = usable(candidate, Inet4Address.class, automatic);
		if (!ipv4.isEmpty()) {
			return ipv4;
		}
		List<InetAddress> ipv6 = usable(candidate, Inet6Address.class, automatic);
		if (!ipv6.isEmpty() || automatic) {
			return ipv6;
		}
		return candidate.addresses()
			.stream()
			.filter((address) -> address instanceof Inet6Address && address.isLinkLocalAddress())
			.toList();
	}

	private static List<InetAddress> usable(LocalInterface candidate, Class<? extends InetAddress> family,
			boolean automatic) {
		List<InetAddress> usable = new ArrayList<>();
		for (InetAddress address : candidate.addresses()) {
			if (!family.isInstance(address)) {
				continue;
			}
			String reason = reasonToSkip(address, automatic);
			if (reason != null) {
				logger.debug("Not using address {} of {} for mDNS: {}", address.getHostAddress(), candidate.name(),
						reason);
				continue;
			}
			usable.add(address);
		}
		return usable;
	}

	private static @Nullable String reasonToSkip(InetAddress address, boolean automatic) {
		if (address.isLinkLocalAddress() && (automatic || address instanceof Inet6Address)) {
			return "it is link-local";
		}
		if (automatic && address.isLoopbackAddress()) {
			// Covers Debian's 127.0.1.1, which other machines cannot reach
			return "it is a loopback address";
		}
		return null;
	}

	private static InetAddress ipv4(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One configured entry.
	 */
	private sealed interface Entry {

		/**
		 * Returns the addresses this entry selects.
		 * @param up the interfaces that are up
		 * @return the selected addresses; empty when the entry matches nothing
		 */
		List<InetAddress> select(List<LocalInterface> up);

		static Entry parse(String text) {
			String entry = text.trim();
			if (entry.isEmpty()) {
				throw invalid(text, "it is empty");
			}
			int slash = entry.indexOf('/');
			if (slash >= 0) {
				return Cidr.parse(entry, slash);
			}
			InetAddress address = parseAddress(entry);
			return (address != null) ? new Address(address) : new Name(entry);
		}

		/**
		 * Parses an IP literal without ever asking DNS: IPv4 by hand, IPv6 in brackets,
		 * which {@link InetAddress} only accepts as a literal.
		 * @param entry the entry
		 * @return the address, or {@code null} when the entry is no IP literal
		 */
		private static @Nullable InetAddress parseAddress(String entry) {
			if (IPV4_LITERAL.matcher(entry).matches()) {
				return parseIpv4(entry);
			}
			if (entry.indexOf(':') < 0) {
				return null;
			}
			String literal = entry.startsWith("[") ? entry : "[" + entry + "]";
			try {
				return InetAddress.getByName(literal);
			}
			catch (UnknownHostException ex) {
				// Not an IPv6 literal: an interface alias such as eth0:1
				return null;
			}
		}

		private static InetAddress parseIpv4(String entry) {
			String[] parts = entry.split("\\.");
			byte[] bytes = new byte[4];
			for (int i = 0; i < 4; i++) {
				int value = Integer.parseInt(parts[i]);
				if (value > 255) {
					throw invalid(entry, "it is not a valid IPv4 address");
				}
				bytes[i] = (byte) value;
			}
			return ipv4(bytes);
		}

		private static IllegalArgumentException invalid(String entry, String reason) {
			return new IllegalArgumentException("Invalid entry '" + entry + "' in '" + PROPERTY + "': " + reason);
		}

	}

	/**
	 * An IP address; loopback addresses are allowed because they were asked for.
	 */
	private record Address(InetAddress address) implements Entry {

		@Override
		public List<InetAddress> select(List<LocalInterface> up) {
			// The interface's own instance keeps an IPv6 scope that the literal may lack
			return up.stream()
				.flatMap((candidate) -> candidate.addresses().stream())
				.filter(this.address::equals)
				.limit(1)
				.toList();
		}

	}

	/**
	 * A CIDR block such as {@code 192.168.1.0/24}.
	 */
	private record Cidr(InetAddress network, int prefixLength) implements Entry {

		static Cidr parse(String entry, int slash) {
			InetAddress network = Entry.parseAddress(entry.substring(0, slash));
			if (network == null) {
				throw Entry.invalid(entry, "the part before '/' is not an IP address");
			}
			int maxLength = network.getAddress().length * 8;
			String length = entry.substring(slash + 1);
			if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > maxLength) {
				throw Entry.invalid(entry, "the prefix length must be a number from 0 to " + maxLength);
			}
			return new Cidr(network, Integer.parseInt(length));
		}

		@Override
		public List<InetAddress> select(List<LocalInterface> up) {
			return up.stream().flatMap((candidate) -> candidate.addresses().stream()).filter(this::contains).toList();
		}

		private boolean contains(InetAddress address) {
			byte[] bytes = address.getAddress();
			byte[] network = this.network.getAddress();
			if (bytes.length != network.length) {
				return false;
			}
			for (int bit = 0; bit < this.prefixLength; bit++) {
				int mask = 0x80 >>> (bit % 8);
				if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * An interface name, or a glob where {@code *} stands for any characters and
	 * {@code ?} for one.
	 */
	private record Name(Pattern pattern) implements Entry {

		Name(String glob) {
			this(Pattern.compile(toRegex(glob)));
		}

		private static String toRegex(String glob) {
			StringBuilder regex = new StringBuilder();
			for (String literal : glob.split("(?=[*?])|(?<=[*?])")) {
				switch (literal) {
					case "*" -> regex.append(".*");
					case "?" -> regex.append('.');
					default -> regex.append(Pattern.quote(literal));
				}
			}
			return regex.toString();
		}

		@Override
		public List<InetAddress> select(List<LocalInterface> up) {
			return up.stream()
				.filter((candidate) -> this.pattern.matcher(candidate.name()).matches())
				.flatMap((candidate) -> preferredAddresses(candidate, false).stream())
				.toList();
		}

	}

}
