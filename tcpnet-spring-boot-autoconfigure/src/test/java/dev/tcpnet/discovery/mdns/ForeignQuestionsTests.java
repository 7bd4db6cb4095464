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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import javax.jmdns.impl.DNSIncoming;
import javax.jmdns.impl.DNSOutgoing;
import javax.jmdns.impl.DNSQuestion;
import javax.jmdns.impl.DNSRecord;
import javax.jmdns.impl.JmDNSImpl;
import javax.jmdns.impl.constants.DNSConstants;
import javax.jmdns.impl.constants.DNSRecordClass;
import javax.jmdns.impl.constants.DNSRecordType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ForeignQuestions}: an instance that {@link PromptProbing} made leaves
 * other hosts' name lookups unanswered, and still answers its own. Everything runs on
 * 127.0.0.1.
 */
class ForeignQuestionsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final InetSocketAddress GROUP = new InetSocketAddress("224.0.0.251", DNSConstants.MDNS_PORT);

	private final String suffix = UUID.randomUUID().toString().substring(0, 8);

	private final String type = "_fq" + this.suffix + "._tcp.local.";

	private final List<JmDNS> instances = new ArrayList<>();

	@AfterEach
	void closeAll() {
		this.instances.parallelStream().forEach(PromptProbingTests::close);
	}

	@Test
	void lookupsOfOtherNamesAreForeign() throws IOException {
		JmDNSImpl jmdns = create("fq-a-" + this.suffix);
		register(jmdns, "a");
		String other = "fq-other-" + this.suffix + ".local.";
		assertThat(ForeignQuestions.only(jmdns, query(question(other, DNSRecordType.TYPE_A)))).isTrue();
		assertThat(ForeignQuestions.only(jmdns,
				query(question("b." + this.type, DNSRecordType.TYPE_SRV),
						question("b." + this.type, DNSRecordType.TYPE_TXT), question(other, DNSRecordType.TYPE_A),
						question(other, DNSRecordType.TYPE_AAAA))))
			.isTrue();
	}

	@Test
	void lookupsOfItsOwnNamesAreNot() throws IOException {
		JmDNSImpl jmdns = create("fq-a-" + this.suffix);
		register(jmdns, "a");
		String host = jmdns.getLocalHost().getName();
		assertThat(ForeignQuestions.only(jmdns, query(question(host, DNSRecordType.TYPE_A)))).isFalse();
		assertThat(ForeignQuestions.only(jmdns, query(question(host.toUpperCase(), DNSRecordType.TYPE_AAAA))))
			.isFalse();
		assertThat(ForeignQuestions.only(jmdns, query(question("a." + this.type, DNSRecordType.TYPE_SRV)))).isFalse();
		assertThat(ForeignQuestions.only(jmdns, query(question("A." + this.type, DNSRecordType.TYPE_TXT)))).isFalse();
		assertThat(ForeignQuestions.only(jmdns, query(question(this.type, DNSRecordType.TYPE_SRV)))).isFalse();
		// One question of its own is enough to answer as JmDNS would
		assertThat(ForeignQuestions.only(jmdns, query(question("fq-x.local.", DNSRecordType.TYPE_A),
				question("a." + this.type, DNSRecordType.TYPE_TXT))))
			.isFalse();
	}

	@Test
	void otherKindsOfQuestionAreLeftToJmdns() throws IOException {
		JmDNSImpl jmdns = create("fq-a-" + this.suffix);
		String other = "fq-other-" + this.suffix + ".local.";
		// Browsing, and the probes' ANY questions, which conflict detection relies on
		assertThat(ForeignQuestions.only(jmdns, query(question(this.type, DNSRecordType.TYPE_PTR)))).isFalse();
		assertThat(ForeignQuestions.only(jmdns, query(question(other, DNSRecordType.TYPE_ANY)))).isFalse();
		assertThat(ForeignQuestions.only(jmdns, query())).isFalse();
	}

	@Test
	void truncatedQueriesAreLeftToJmdns() throws IOException {
		JmDNSImpl jmdns = create("fq-a-" + this.suffix);
		String other = "fq-other-" + this.suffix + ".local.";
		// JmDNS's responder releases the queries appended to a truncated one
		assertThat(ForeignQuestions.only(jmdns,
				query(DNSConstants.FLAGS_QR_QUERY | DNSConstants.FLAGS_TC, question(other, DNSRecordType.TYPE_A))))
			.isFalse();
	}

	/**
	 * Two registered instances and a plain socket that asks, the way another host would,
	 * for the address of a name neither has and then for the first one's. JmDNS 3.6.5
	 * alone makes both answer the first question with their own address
	 * (jmdns/jmdns#259), and the second one answer the second question too.
	 */
	@Test
	void onlyTheOwnerAnswersAnAddressQuestionOnTheWire() throws Exception {
		JmDNSImpl a = create("fq-a-" + this.suffix);
		JmDNSImpl b = create("fq-b-" + this.suffix);
		try (Listener listener = new Listener()) {
			register(a, "a");
			register(b, "b");
			String hostA = a.getLocalHost().getName();
			String hostB = b.getLocalHost().getName();
			// JmDNS answers queries once it has announced twice; each announcement sends
			// the host's address alone, as an answer does
			await().atMost(TIMEOUT)
				.until(() -> a.isAnnounced() && b.isAnnounced() && listener.addressesSeen(hostA) >= 2
						&& listener.addressesSeen(hostB) >= 2);
			listener.forget();
			listener.ask("fq-nobody-" + this.suffix + ".local.");
			listener.ask(hostA);
			await().atMost(TIMEOUT).until(() -> listener.addressesSeen(hostA) > 0);
			await().during(Duration.ofMillis(800)).atMost(TIMEOUT).until(() -> listener.addressesSeen(hostB) == 0);
			assertThat(listener.addressesSeen(hostA)).isOne();
		}
	}

	private JmDNSImpl create(String name) {
		try {
			JmDNS jmdns = PromptProbing.create(PromptProbingTests.loopback(), name);
			this.instances.add(jmdns);
			return (JmDNSImpl) jmdns;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void register(JmDNS jmdns, String name) throws IOException {
		jmdns.registerService(ServiceInfo.create(this.type, name, 40001, 0, 0, Map.of("id", name)));
	}

	private static DNSQuestion question(String name, DNSRecordType type) {
		return DNSQuestion.newQuestion(name, type, DNSRecordClass.CLASS_IN, false);
	}

	private static DNSIncoming query(DNSQuestion... questions) throws IOException {
		return query(DNSConstants.FLAGS_QR_QUERY, questions);
	}

	private static DNSIncoming query(int flags, DNSQuestion... questions) throws IOException {
		DNSOutgoing out = new DNSOutgoing(flags);
		for (DNSQuestion question : questions) {
			out.addQuestion(question);
		}
		byte[] data = out.data();
		return new DNSIncoming(new DatagramPacket(data, data.length, GROUP));
	}

	/**
	 * A plain mDNS socket on the loopback interface that asks for addresses, and counts
	 * the responses that carry nothing but address records, by name: the answers to an
	 * address question, and the announcements' second datagram.
	 */
	private static final class Listener implements AutoCloseable {

		private final MulticastSocket socket;

		private final List<String> addresses = new CopyOnWriteArrayList<>();

		private final Thread reader;

		Listener() throws IOException {
			NetworkInterface loopback = NetworkInterface.getByInetAddress(PromptProbingTests.loopback());
			this.socket = new MulticastSocket(DNSConstants.MDNS_PORT);
			this.socket.setNetworkInterface(loopback);
			this.socket.joinGroup(GROUP, loopback);
			this.socket.setSoTimeout(100);
			this.reader = new Thread(this::read, "fq-listener");
			this.reader.setDaemon(true);
			this.reader.start();
		}

		void ask(String host) throws IOException {
			DNSOutgoing out = new DNSOutgoing(DNSConstants.FLAGS_QR_QUERY);
			out.addQuestion(question(host, DNSRecordType.TYPE_A));
			byte[] data = out.data();
			this.socket.send(new DatagramPacket(data, data.length, GROUP));
		}

		long addressesSeen(String host) {
			return this.addresses.stream().filter(host::equalsIgnoreCase).count();
		}

		void forget() {
			this.addresses.clear();
		}

		private void read() {
			byte[] buffer = new byte[DNSConstants.MAX_MSG_ABSOLUTE];
			while (!this.socket.isClosed()) {
				DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
				try {
					this.socket.receive(packet);
					DNSIncoming message = new DNSIncoming(packet);
					List<DNSRecord> records = message.getAllAnswers();
					if (message.isResponse() && !records.isEmpty()
							&& records.stream().allMatch((record) -> record.getRecordType() == DNSRecordType.TYPE_A)) {
						records.forEach((record) -> this.addresses.add(record.getName()));
					}
				}
				catch (SocketTimeoutException ex) {
					// look again whether the socket was closed
				}
				catch (IOException ex) {
					// closed, or a datagram JmDNS cannot parse: not an answer either way
				}
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.socket.close();
			this.reader.join();
		}

	}

}
