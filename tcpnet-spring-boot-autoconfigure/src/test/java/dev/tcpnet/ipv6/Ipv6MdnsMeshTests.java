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

package dev.tcpnet.ipv6;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * IPv6-only mDNS: nodes whose only discovery is mDNS find each other and connect over
 * IPv6, on {@code ::1} and on a link that has nothing but link-local addresses.
 *
 * <p>
 * Loopback has no route for IPv6 multicast, and Linux turns an ordinary route via
 * {@code lo} ({@code ip -6 route add ff00::/8 dev lo}) into a reject route
 * ({@code fib6_is_reject} in {@code net/ipv6/route.c}): JmDNS's packets to
 * {@code ff02::fb} are then dropped without an error (counted as {@code Ip6OutNoRoutes}).
 * A route of type {@code local} is kept, and delivers them to every socket of the
 * namespace that joined the group. Routes must not be changed on the machine, so the
 * nodes run in private network namespaces made here, with no interfaces but {@code lo}
 * and veth pairs made inside them; the test JVM cannot enter them, so the nodes are
 * processes of their own. That needs root: elsewhere the tests are skipped.
 */
class Ipv6MdnsMeshTests {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

	private final String prefix = "tcpnet-v6mdns-" + ProcessHandle.current().pid() + "-"
			+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)) + "-";

	private final String cluster = "v6-mdns-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());

	private final List<String> namespaces = new ArrayList<>();

	private final List<Node> nodes = new ArrayList<>();

	@BeforeEach
	void assumeRoot() {
		assumeTrue(new UnixSystem().getUid() == 0, "IPv6 mDNS tests skipped: not root. They make private network "
				+ "namespaces (ip netns), because the multicast routes they need must not be added to the machine");
		removeStaleNamespaces();
	}

	/**
	 * Deletes the namespaces of an earlier run whose JVM is gone (killed before its
	 * clean-up); their node processes ended with it, as their standard input closed.
	 */
	private static void removeStaleNamespaces() {
		Pattern stale = Pattern.compile("tcpnet-v6mdns-(\\d+)-.*");
		try {
			Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
			list.getOutputStream().close();
			String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			list.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			for (String line : output.split("\\R")) {
				String name = line.split("\\s+")[0];
				Matcher matcher = stale.matcher(name);
				if (matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty()) {
					run("ip", "netns", "del", name);
				}
			}
		}
		catch (IOException ex) {
			System.out.println("ip netns list: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@AfterEach
	void removeNamespaces() {
		this.nodes.forEach(Node::stop);
		this.namespaces.forEach((namespace) -> run("ip", "netns", "del", namespace));
	}

	@Test
	void nodesFindEachOtherOnIpv6Loopback() {
		String namespace = namespace("lo");
		ip("-n", namespace, "-6", "route", "add", "local", "ff00::/8", "dev", "lo", "table", "local");
		Node a = start(namespace, "a", "tcpnet.server.address=::1", "tcpnet.discovery.mdns.interfaces=::1");
		Node b = start(namespace, "b", "tcpnet.server.address=::1", "tcpnet.discovery.mdns.interfaces=::1");
		a.awaitLine("CONNECTED " + b.id + " /[0:0:0:0:0:0:0:1]:");
		b.awaitLine("CONNECTED " + a.id + " /[0:0:0:0:0:0:0:1]:");
	}

	@Test
	void nodesFindEachOtherOnALinkWithOnlyLinkLocalIpv6Addresses() {
		String x = namespace("x");
		String y = namespace("y");
		// Both ends are made inside the test's namespaces, never in the machine's own
		ip("-n", x, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", y);
		ip("-n", x, "link", "set", "eth0", "up");
		ip("-n", y, "link", "set", "eth0", "up");
		Node a = start(x, "a", "tcpnet.server.address=::", "tcpnet.discovery.mdns.interfaces=eth0");
		Node b = start(y, "b", "tcpnet.server.address=::", "tcpnet.discovery.mdns.interfaces=eth0");
		// Dialable only with the scope that the listener adds: fe80::...%<index of eth0>
		a.awaitLine("CONNECTED " + b.id + " /[fe80:");
		b.awaitLine("CONNECTED " + a.id + " /[fe80:");
	}

	/**
	 * Makes a namespace with {@code lo} up, where IPv6 addresses are usable at once: no
	 * duplicate address detection, which would leave them tentative while the nodes
	 * start.
	 */
	private String namespace(String name) {
		String namespace = this.prefix + name;
		assumeTrue(run("ip", "netns", "add", namespace) == 0,
				"IPv6 mDNS tests skipped: cannot make a network namespace (ip netns add)");
		this.namespaces.add(namespace);
		ip("-n", namespace, "link", "set", "lo", "up");
		// Through /proc rather than sysctl(8): procps may not be installed.
		assertThat(run("ip", "netns", "exec", namespace, "sh", "-c",
				"echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad"))
			.isZero();
		return namespace;
	}

	private Node start(String namespace, String name, String... properties) {
		String id = this.cluster + "-" + name;
		List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), NodeProcess.class.getName(),
				"tcpnet.node-id=" + id, "tcpnet.cluster=" + this.cluster, "tcpnet.discovery.static.peers=",
				// The IPv6 paths are what is tested, not the socket files of same-host
				// peers
				"tcpnet.server.unix-socket.enabled=false"));
		command.addAll(List.of(properties));
		Node node = new Node(id, command);
		this.nodes.add(node);
		return node;
	}

	private static void ip(String... arguments) {
		List<String> command = new ArrayList<>(List.of("ip"));
		command.addAll(List.of(arguments));
		assertThat(run(command.toArray(String[]::new))).as(String.join(" ", command)).isZero();
	}

	private static int run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			if (process.exitValue() != 0) {
				System.out.println(String.join(" ", command) + ": " + output.trim());
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			System.out.println(String.join(" ", command) + ": " + ex.getMessage());
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * A node process and the lines it has written so far.
	 */
	private static final class Node {

		private final String id;

		private final Process process;

		private final List<String> lines = new CopyOnWriteArrayList<>();

		Node(String id, List<String> command) {
			this.id = id;
			try {
				// Standard input stays open: the node runs until it is closed
				this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot start " + command, ex);
			}
			Thread reader = new Thread(this::read, "output-" + id);
			reader.setDaemon(true);
			reader.start();
		}

		private void read() {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				reader.lines().forEach(this.lines::add);
			}
			catch (IOException | RuntimeException ex) {
				// The process is gone
			}
		}

		void awaitLine(String prefix) {
			// A bound against hanging, not a performance claim: JVM start plus mDNS's
			// probing
			await().atMost(Duration.ofSeconds(90))
				.failFast(this.id + " exited", () -> !this.process.isAlive())
				.untilAsserted(() -> assertThat(this.lines)
					.as(() -> this.id + " never printed '" + prefix + "'; it printed:\n" + tail())
					.anyMatch((line) -> line.startsWith(prefix)));
		}

		private String tail() {
			List<String> snapshot = List.copyOf(this.lines);
			return String.join("\n", snapshot.subList(Math.max(0, snapshot.size() - 40), snapshot.size()));
		}

		void stop() {
			try {
				// The end of its input stops the node: it closes its context, which says
				// goodbye
				this.process.getOutputStream().close();
				if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (IOException ex) {
				this.process.destroyForcibly();
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}

	}

}
