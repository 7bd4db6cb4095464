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

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

import org.jspecify.annotations.Nullable;

/**
 * {@link DnsLookup} with the JDK's JNDI DNS provider (module {@code jdk.naming.dns}).
 *
 * <p>
 * The provider keeps no cache and asks the server on every query, so a record that is
 * removed is gone at the next lookup (the JVM's {@code InetAddress} cache is never
 * involved). Each type is queried on its own: asking for several types at once makes JNDI
 * send an ANY query, which many servers answer minimally (RFC 8482). Names are not
 * completed with the resolver's search domains.
 */
final class JndiDnsLookup implements DnsLookup {

	// Created by JNDI by name: DnsDiscoveryRuntimeHints keeps it in a native image.
	static final String FACTORY = "com.sun.jndi.dns.DnsContextFactory";

	/**
	 * First wait for an answer; JNDI doubles it on each retry, so a dead server costs
	 * about 3 seconds per query instead of JNDI's default 15.
	 */
	private static final String INITIAL_TIMEOUT_MILLIS = "1000";

	private static final String RETRIES = "2";

	private final Hashtable<String, String> environment = new Hashtable<>();

	/**
	 * Creates a lookup.
	 * @param server the server to ask, or {@code null} for those of the system's resolver
	 * configuration ({@code /etc/resolv.conf})
	 */
	JndiDnsLookup(@Nullable InetSocketAddress server) {
		this.environment.put(Context.INITIAL_CONTEXT_FACTORY, FACTORY);
		this.environment.put(Context.PROVIDER_URL, providerUrl(server));
		this.environment.put("com.sun.jndi.dns.timeout.initial", INITIAL_TIMEOUT_MILLIS);
		this.environment.put("com.sun.jndi.dns.timeout.retries", RETRIES);
	}

	static String providerUrl(@Nullable InetSocketAddress server) {
		if (server == null) {
			// No host: JNDI asks the servers of the platform's resolver configuration
			return "dns:";
		}
		String host = server.getHostString();
		return "dns://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort();
	}

	@Override
	public List<String> query(String name, String type) throws NamingException {
		DirContext context = new InitialDirContext(this.environment);
		try {
			Attribute records = context.getAttributes(name, new String[] { type }).get(type);
			return (records != null) ? values(records) : List.of();
		}
		finally {
			context.close();
		}
	}

	private static List<String> values(Attribute records) throws NamingException {
		List<String> values = new ArrayList<>();
		NamingEnumeration<?> all = records.getAll();
		while (all.hasMore()) {
			values.add(String.valueOf(all.next()));
		}
		return values;
	}

}
