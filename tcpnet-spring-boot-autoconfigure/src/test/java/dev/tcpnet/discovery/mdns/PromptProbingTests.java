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
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import javax.jmdns.impl.DNSIncoming;
import javax.jmdns.impl.DNSTaskStarter;
import javax.jmdns.impl.JmDNSImpl;
import javax.jmdns.impl.ServiceInfoImpl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PromptProbing}: mDNS stays correct on the faster schedule, and other
 * JmDNS instances in the process keep theirs. Everything runs on 127.0.0.1.
 */
class PromptProbingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/**
	 * A service type of its own per test run, so that other runs on this machine stay
	 * out.
	 */
	private final String type = "_pp" + UUID.randomUUID().toString().substring(0, 8) + "._tcp.local.";

	private final List<JmDNS> instances = new ArrayList<>();

	@AfterEach
	void closeAll() {
		this.instances.parallelStream().forEach(PromptProbingTests::close);
	}

	@Test
	void instancesStartedTogetherResolveEachOther() {
		long started = System.nanoTime();
		Browser a = new Browser(create("pp-a"));
		Browser b = new Browser(create("pp-b"));
		register(a.jmdns, "a", 40001);
		register(b.jmdns, "b", 40002);
		await().atMost(TIMEOUT).until(() -> a.resolved("b") && b.resolved("a"));
		System.out.printf("Two prompt instances started together resolved each other after %d ms%n",
				Duration.ofNanos(System.nanoTime() - started).toMillis());
	}

	@Test
	void probesOfOtherHostsAreReportedBeforeTheirServiceCanBeResolved() throws Exception {
		Browser browser = new Browser(create("pp-browser"));
		List<String> seen = new CopyOnWriteArrayList<>();
		browser.onResolved = (name) -> seen.add("resolved " + name);
		PromptProbing.onProbes(browser.jmdns, (probe) -> {
			if (probe.type().equals(this.type)) {
				seen.add("probed " + probe.instance() + " " + probe.host() + " " + probe.port() + " "
						+ probe.from().getHostAddress());
			}
		});
		register(create("pp-node"), "node", 40001);
		await().atMost(TIMEOUT).until(() -> browser.resolved("node"));
		// RFC 6762: three probes, then the announcement that makes it resolvable
		assertThat(seen)
			.startsWith("probed node pp-node.local. 40001 127.0.0.1", "probed node pp-node.local. 40001 127.0.0.1",
					"probed node pp-node.local. 40001 127.0.0.1")
			.contains("resolved node");
	}

	@Test
	void onProbesRefusesInstancesItDidNotCreate() throws IOException {
		JmDNS other = JmDNS.create(loopback(), "pp-plain");
		this.instances.add(other);
		assertThatIllegalArgumentException().isThrownBy(() -> PromptProbing.onProbes(other, (probe) -> {
		})).withMessageContaining("pp-plain");
	}

	@Test
	void closedServiceIsRemovedAndSeenAgainWhenItComesBack() {
		Browser browser = new Browser(create("pp-browser"));
		JmDNS node = create("pp-node");
		register(node, "node", 40001);
		await().atMost(TIMEOUT).until(() -> browser.resolved("node"));
		close(node);
		// The goodbye packet, not the TTL, removes it
		await().atMost(TIMEOUT).until(() -> browser.removed.contains("node"));
		browser.resolved.clear();
		register(create("pp-node"), "node", 40002);
		await().atMost(TIMEOUT).until(() -> browser.resolved("node"));
		assertThat(browser.port("node")).isEqualTo(40002);
	}

	@Test
	void otherInstancesKeepTheirOwnScheduler() throws IOException {
		DNSTaskStarter.Factory.ClassDelegate before = DNSTaskStarter.Factory.classDelegate();
		try {
			DNSTaskStarter.Factory.setClassDelegate(Marked::new);
			JmDNS prompt = create("pp-prompt");
			JmDNS other = JmDNS.create(loopback(), "pp-other");
			this.instances.add(other);
			assertThat(starterOf(prompt)).isNotInstanceOf(Marked.class)
				.isNotInstanceOf(DNSTaskStarter.DNSTaskStarterImpl.class);
			// The delegate installed before keeps serving everybody else's instances
			assertThat(starterOf(other)).isInstanceOf(Marked.class);
		}
		finally {
			DNSTaskStarter.Factory.setClassDelegate(before);
		}
	}

	private JmDNS create(String name) {
		try {
			JmDNS jmdns = PromptProbing.create(loopback(), name);
			this.instances.add(jmdns);
			return jmdns;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private ServiceInfo register(JmDNS jmdns, String name, int port) {
		ServiceInfo info = ServiceInfo.create(this.type, name, port, 0, 0, Map.of("id", name));
		try {
			jmdns.registerService(info);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return info;
	}

	private static DNSTaskStarter starterOf(JmDNS jmdns) {
		return DNSTaskStarter.Factory.getInstance().getStarter((JmDNSImpl) jmdns);
	}

	static InetAddress loopback() {
		try {
			return InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void close(JmDNS jmdns) {
		try {
			jmdns.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * JmDNS's default scheduler under another name, as another library might install.
	 */
	private static final class Marked implements DNSTaskStarter {

		private final DNSTaskStarter delegate;

		Marked(JmDNSImpl jmdns) {
			this.delegate = new DNSTaskStarterImpl(jmdns);
		}

		@Override
		public void purgeTimer() {
			this.delegate.purgeTimer();
		}

		@Override
		public void purgeStateTimer() {
			this.delegate.purgeStateTimer();
		}

		@Override
		public void cancelTimer() {
			this.delegate.cancelTimer();
		}

		@Override
		public void cancelStateTimer() {
			this.delegate.cancelStateTimer();
		}

		@Override
		public void startProber() {
			this.delegate.startProber();
		}

		@Override
		public void startAnnouncer() {
			this.delegate.startAnnouncer();
		}

		@Override
		public void startRenewer() {
			this.delegate.startRenewer();
		}

		@Override
		public void startCanceler() {
			this.delegate.startCanceler();
		}

		@Override
		public void startReaper() {
			this.delegate.startReaper();
		}

		@Override
		public void startServiceInfoResolver(ServiceInfoImpl info) {
			this.delegate.startServiceInfoResolver(info);
		}

		@Override
		public void startTypeResolver() {
			this.delegate.startTypeResolver();
		}

		@Override
		public void startServiceResolver(String type) {
			this.delegate.startServiceResolver(type);
		}

		@Override
		public void startResponder(DNSIncoming in, InetAddress address, int port) {
			this.delegate.startResponder(in, address, port);
		}

	}

	/**
	 * Records what one JmDNS instance resolves of this test's service type.
	 */
	private final class Browser implements ServiceListener {

		private final JmDNS jmdns;

		private final Map<String, Integer> resolved = new ConcurrentHashMap<>();

		private final Set<String> removed = ConcurrentHashMap.newKeySet();

		private volatile Consumer<String> onResolved = (name) -> {
		};

		Browser(JmDNS jmdns) {
			this.jmdns = jmdns;
			jmdns.addServiceListener(PromptProbingTests.this.type, this);
		}

		boolean resolved(String name) {
			return this.resolved.containsKey(name);
		}

		int port(String name) {
			return this.resolved.get(name);
		}

		@Override
		public void serviceAdded(ServiceEvent event) {
		}

		@Override
		public void serviceRemoved(ServiceEvent event) {
			this.removed.add(event.getName());
		}

		@Override
		public void serviceResolved(ServiceEvent event) {
			if (event.getInfo().getPort() > 0) {
				this.onResolved.accept(event.getName());
				this.resolved.put(event.getName(), event.getInfo().getPort());
			}
		}

	}

}
