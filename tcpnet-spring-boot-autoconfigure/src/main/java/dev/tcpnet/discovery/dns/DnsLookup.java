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

import java.util.List;

import javax.naming.NamingException;

/**
 * Asks a DNS server for the records of one type; a seam for tests.
 */
@FunctionalInterface
interface DnsLookup {

	/**
	 * Looks up the records of a name.
	 * @param name a fully qualified name
	 * @param type the record type: {@code SRV}, {@code A} or {@code AAAA}
	 * @return the records in presentation form (for SRV: {@code priority weight port
	 * target}); empty when the name exists but has no record of that type
	 * @throws javax.naming.NameNotFoundException if the name does not exist
	 * @throws NamingException if the server cannot be asked or refuses to answer
	 */
	List<String> query(String name, String type) throws NamingException;

}
