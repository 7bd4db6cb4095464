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

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import javax.jmdns.impl.DNSIncoming;
import javax.jmdns.impl.DNSQuestion;
import javax.jmdns.impl.JmDNSImpl;
import javax.jmdns.impl.constants.DNSRecordType;

/**
 * Recognizes the queries that ask a JmDNS instance about names that are not its own, so
 * that it does not answer them.
 *
 * <p>
 * JmDNS 3.6.5 answers every address question (A, AAAA) with its own address record,
 * whatever name the question asks for (jmdns/jmdns#259). Every resolution of a service
 * asks for its host's address, so every other JmDNS on the network sends its own address
 * in reply: with 32 nodes forming a mesh on one host, these answers were 6,583 of the
 * 9,286 mDNS datagrams, and every datagram is read and parsed by every node. On a real
 * network, each node answered every host's name lookups.
 *
 * <p>
 * Only queries whose every question is by name (address, SRV, TXT) and names neither this
 * host, nor one of its services, nor one of its service types are recognized: for those
 * JmDNS has nothing to answer but that stray address. Any other query, and any truncated
 * one, is answered as JmDNS would.
 */
final class ForeignQuestions {

	/** Questions that JmDNS answers only for its own names, but for that bug. */
	private static final Set<DNSRecordType> BY_NAME = EnumSet.of(DNSRecordType.TYPE_A, DNSRecordType.TYPE_AAAA,
			DNSRecordType.TYPE_A6, DNSRecordType.TYPE_SRV, DNSRecordType.TYPE_TXT);

	private ForeignQuestions() {
	}

	/**
	 * Whether {@code query} asks {@code jmdns} about other hosts' names only.
	 * @param jmdns the instance that received the query
	 * @param query the query
	 * @return {@code true} when the instance has nothing of its own to answer
	 */
	static boolean only(JmDNSImpl jmdns, DNSIncoming query) {
		// JmDNS appends the queries that follow a truncated one to it until its responder
		// has run: skipped, it would swallow every later query
		if (query.isTruncated() || query.getQuestions().isEmpty()) {
			return false;
		}
		for (DNSQuestion question : query.getQuestions()) {
			if (!BY_NAME.contains(question.getRecordType()) || isOwn(jmdns, question.getName())) {
				return false;
			}
		}
		return true;
	}

	private static boolean isOwn(JmDNSImpl jmdns, String name) {
		String key = name.toLowerCase(Locale.ROOT);
		return key.equalsIgnoreCase(jmdns.getLocalHost().getName()) || jmdns.getServices().containsKey(key)
				|| jmdns.getServiceTypes().containsKey(key);
	}

}
