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
import java.net.InetAddress;
import java.util.Map;
import java.util.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import javax.jmdns.impl.DNSIncoming;
import javax.jmdns.impl.DNSRecord;
import javax.jmdns.impl.DNSTaskStarter;
import javax.jmdns.impl.DNSTaskStarter.DNSTaskStarterImpl.StarterTimer;
import javax.jmdns.impl.JmDNSImpl;
import javax.jmdns.impl.ServiceInfoImpl;
import javax.jmdns.impl.constants.DNSConstants;
import javax.jmdns.impl.tasks.RecordReaper;
import javax.jmdns.impl.tasks.Responder;
import javax.jmdns.impl.tasks.resolver.ServiceInfoResolver;
import javax.jmdns.impl.tasks.resolver.ServiceResolver;
import javax.jmdns.impl.tasks.resolver.TypeResolver;
import javax.jmdns.impl.tasks.state.Announcer;
import javax.jmdns.impl.tasks.state.Canceler;
import javax.jmdns.impl.tasks.state.Prober;
import javax.jmdns.impl.tasks.state.Renewer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates JmDNS instances that probe and announce on the schedule of RFC 6762 section 8,
 * so that nodes started together see each other after about one second instead of four.
 *
 * <p>
 * A JmDNS instance that has not announced its host name yet probes once a second, the
 * pace RFC 6762 keeps for hosts that keep running into name conflicts, and announces a
 * second after the last probe. That is 1 + 2 + 1 = 4 seconds of silence after
 * {@code registerService}, and JmDNS answers no query before it has announced: a browser
 * learns of the service only from the announcement (jmdns/jmdns#144). RFC 6762 probes
 * after a random 0-250 ms, then every 250 ms, and announces 250 ms after the third probe:
 * 0.75-1 s. Conflict detection, the throttle after repeated conflicts, the second
 * announcement a second later, renewal and goodbye stay JmDNS's own.
 *
 * <p>
 * One thing the early probes change: when a service takes a name another service already
 * has, JmDNS's tie-break then does not always rename the newcomer, and a browser that had
 * resolved the name may keep seeing only one of the two. tcpnet's names carry the whole
 * node id ({@link MdnsPeerDiscovery#uniqueLabel}), so that takes two nodes with the same
 * id.
 *
 * <p>
 * The instances also report the services that others probe for ({@link #onProbes}): a
 * probe carries the service's port and comes from its host's address, so a node can be
 * dialed at its first probe, three quarters of a second before it may answer a query.
 *
 * <p>
 * JmDNS picks a task scheduler for each instance through a process-wide factory. The
 * delegate installed here schedules only instances that this class creates and hands
 * every other instance in the process to the delegate that was installed before, or to
 * JmDNS's default.
 */
final class PromptProbing {

	private static final Logger logger = LoggerFactory.getLogger(PromptProbing.class);

	/** Names of the instances being created by {@link #create}, with how many are. */
	private static final Map<String, Integer> creating = new ConcurrentHashMap<>();

	private PromptProbing() {
	}

	/**
	 * Creates a JmDNS instance that probes and announces on RFC 6762's schedule.
	 * @param address the address to bind to
	 * @param name the instance name, which is also its host name
	 * @return the started instance
	 * @throws IOException if JmDNS cannot start
	 */
	static JmDNS create(InetAddress address, String name) throws IOException {
		installDelegate();
		// JmDNS asks for the scheduler while the constructor runs, possibly on its socket
		// thread
		creating.merge(name, 1, Integer::sum);
		try {
			return JmDNS.create(address, name);
		}
		finally {
			creating.computeIfPresent(name, (key, count) -> (count > 1) ? count - 1 : null);
		}
	}

	/**
	 * Reports every service that another host probes for to {@code listener}, on the
	 * instance's socket thread, from now on.
	 * @param jmdns an instance {@link #create} made
	 * @param listener receives the probed services; must return quickly
	 * @throws IllegalArgumentException if the instance is not one {@link #create} made
	 */
	static void onProbes(JmDNS jmdns, Consumer<ProbedService> listener) {
		DNSTaskStarter starter = DNSTaskStarter.Factory.getInstance().getStarter((JmDNSImpl) jmdns);
		if (!(starter instanceof Starter prompt)) {
			throw new IllegalArgumentException(jmdns.getName() + " was not created by PromptProbing");
		}
		prompt.probes = listener;
	}

	private static void installDelegate() {
		synchronized (PromptProbing.class) {
			DNSTaskStarter.Factory.ClassDelegate current = DNSTaskStarter.Factory.classDelegate();
			if (!(current instanceof Delegate)) {
				// Also after someone replaced ours: theirs keeps serving their instances
				DNSTaskStarter.Factory.setClassDelegate(new Delegate(current));
			}
		}
	}

	/**
	 * Chooses the scheduler of a new JmDNS instance.
	 */
	private record Delegate(
			DNSTaskStarter.Factory.@Nullable ClassDelegate previous) implements DNSTaskStarter.Factory.ClassDelegate {

		@Override
		public @Nullable DNSTaskStarter newDNSTaskStarter(JmDNSImpl jmdns) {
			if (creating.containsKey(jmdns.getName())) {
				return new Starter(jmdns);
			}
			// null makes JmDNS use its default
			return (this.previous != null) ? this.previous.newDNSTaskStarter(jmdns) : null;
		}

	}

	/**
	 * JmDNS's default scheduler with the prober and the announcer replaced: the same two
	 * timers, the same tasks on each.
	 */
	private static final class Starter implements DNSTaskStarter {

		private final JmDNSImpl jmdns;

		private final Timer timer;

		private final Timer stateTimer;

		private volatile @Nullable Consumer<ProbedService> probes;

		Starter(JmDNSImpl jmdns) {
			this.jmdns = jmdns;
			this.timer = new StarterTimer("JmDNS(" + jmdns.getName() + ").Timer", true);
			this.stateTimer = new StarterTimer("JmDNS(" + jmdns.getName() + ").State.Timer", false);
		}

		@Override
		public void purgeTimer() {
			this.timer.purge();
		}

		@Override
		public void purgeStateTimer() {
			this.stateTimer.purge();
		}

		@Override
		public void cancelTimer() {
			this.timer.cancel();
		}

		@Override
		public void cancelStateTimer() {
			this.stateTimer.cancel();
		}

		@Override
		public void startProber() {
			new PromptProber(this.jmdns).start(this.stateTimer);
		}

		@Override
		public void startAnnouncer() {
			new PromptAnnouncer(this.jmdns).start(this.stateTimer);
		}

		@Override
		public void startRenewer() {
			new Renewer(this.jmdns).start(this.stateTimer);
		}

		@Override
		public void startCanceler() {
			new Canceler(this.jmdns).start(this.stateTimer);
		}

		@Override
		public void startReaper() {
			new RecordReaper(this.jmdns).start(this.timer);
		}

		@Override
		public void startServiceInfoResolver(ServiceInfoImpl info) {
			new ServiceInfoResolver(this.jmdns, info).start(this.timer);
		}

		@Override
		public void startTypeResolver() {
			new TypeResolver(this.jmdns).start(this.timer);
		}

		@Override
		public void startServiceResolver(String type) {
			new ServiceResolver(this.jmdns, type).start(this.timer);
		}

		@Override
		public void startResponder(DNSIncoming in, InetAddress address, int port) {
			reportProbes(in);
			if (ForeignQuestions.only(this.jmdns, in)) {
				return;
			}
			new Responder(this.jmdns, in, address, port).start(this.timer);
		}

		/**
		 * A probe is the only query with records in its authority section (RFC 6762
		 * section 8.2): the records its sender is about to claim.
		 * @param query a query received
		 */
		private void reportProbes(DNSIncoming query) {
			Consumer<ProbedService> listener = this.probes;
			if (listener == null || !query.isQuery()) {
				return;
			}
			for (DNSRecord record : query.getAuthorities()) {
				// The source, not the address JmDNS answers to, which is the group for
				// most
				if (record instanceof DNSRecord.Service service && service.getRecordSource() != null) {
					ServiceInfo info = service.getServiceInfo(false);
					try {
						listener.accept(new ProbedService(info.getType(), info.getName(), info.getServer(),
								service.getPort(), service.getRecordSource()));
					}
					catch (RuntimeException ex) {
						// JmDNS's socket thread must go on answering
						logger.warn("Probe listener failed for {}", info.getQualifiedName(), ex);
					}
				}
			}
		}

	}

	/**
	 * A service that another host probes for.
	 *
	 * @param type its type, such as {@code _tcpnet._tcp.local.}
	 * @param instance its instance name
	 * @param host the host name it points to
	 * @param port its port
	 * @param from the address the probe came from
	 */
	record ProbedService(String type, String instance, String host, int port, InetAddress from) {

	}

	/**
	 * Probes every 250 ms from the start; JmDNS does so only once its host name is
	 * announced.
	 */
	private static final class PromptProber extends Prober {

		PromptProber(JmDNSImpl jmdns) {
			super(jmdns);
		}

		@Override
		public void start(Timer timer) {
			JmDNSImpl jmdns = getDns();
			// JmDNS's throttle, kept as it is: from the tenth probing round in a row,
			// each
			// within five seconds of the last (repeated name conflicts), one probe a
			// second
			long now = System.currentTimeMillis();
			boolean recent = now - jmdns.getLastThrottleIncrement() < DNSConstants.PROBE_THROTTLE_COUNT_INTERVAL;
			jmdns.setThrottle(recent ? jmdns.getThrottle() + 1 : 1);
			jmdns.setLastThrottleIncrement(now);
			if (jmdns.isCanceling() || jmdns.isCanceled()) {
				return;
			}
			if (jmdns.getThrottle() < DNSConstants.PROBE_THROTTLE_COUNT) {
				// The random first delay keeps hosts powered on together from probing in
				// step
				timer.schedule(this, JmDNSImpl.getRandom().nextInt(1 + DNSConstants.PROBE_WAIT_INTERVAL),
						DNSConstants.PROBE_WAIT_INTERVAL);
			}
			else {
				timer.schedule(this, DNSConstants.PROBE_CONFLICT_INTERVAL, DNSConstants.PROBE_CONFLICT_INTERVAL);
			}
		}

	}

	/**
	 * Announces 250 ms after the last probe, the time RFC 6762 gives conflicting answers
	 * to arrive, instead of a second; later announcements stay a second apart.
	 */
	private static final class PromptAnnouncer extends Announcer {

		PromptAnnouncer(JmDNSImpl jmdns) {
			super(jmdns);
		}

		@Override
		public void start(Timer timer) {
			if (!getDns().isCanceling() && !getDns().isCanceled()) {
				timer.schedule(this, DNSConstants.PROBE_WAIT_INTERVAL, DNSConstants.ANNOUNCE_WAIT_INTERVAL);
			}
		}

	}

}
