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

import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * IPv6-only mDNS: two nodes whose only discovery is mDNS on {@code ::1} find each other and
 * connect over IPv6.
 *
 * <p>
 * Loopback has no route for IPv6 multicast, and Linux turns an ordinary route via {@code lo}
 * ({@code ip -6 route add ff00::/8 dev lo}) into a reject route ({@code fib6_is_reject} in
 * {@code net/ipv6/route.c}): JmDNS's packets to {@code ff02::fb} are then dropped without an
 * error (counted as {@code Ip6OutNoRoutes}). A route of type {@code local} is kept, and
 * delivers them to every socket of the namespace that joined the group. Routes must not be
 * changed on the machine, so the nodes run in a private network namespace made here, with
 * {@code lo} as its only interface; the test JVM cannot enter it, so they are processes of
 * their own. That needs root: elsewhere the test is skipped.
 */
class Ipv6MdnsMeshTests {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

	private final String namespace = "tcpnet-v6mdns-" + ProcessHandle.current().pid() + "-"
			+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));

	private final List<Node> nodes = new ArrayList<>();

	private boolean namespaceMade;

	@BeforeEach
	void makeNamespace() {
		assumeTrue(new UnixSystem().getUid() == 0,
				"IPv6 mDNS test skipped: not root. It makes a private network namespace (ip netns), "
						+ "because loopback needs a multicast route that must not be added to the machine");
		this.namespaceMade = run("ip", "netns", "add", this.namespace) == 0;
		assumeTrue(this.namespaceMade, "IPv6 mDNS test skipped: cannot make a network namespace (ip netns add)");
		assertThat(run("ip", "-n", this.namespace, "link", "set", "lo", "up")).isZero();
		assertThat(run("ip", "-n", this.namespace, "-6", "route", "add", "local", "ff00::/8", "dev", "lo", "table",
				"local"))
			.isZero();
	}

	@AfterEach
	void removeNamespace() {
		this.nodes.forEach(Node::stop);
		if (this.namespaceMade) {
			run("ip", "netns", "del", this.namespace);
		}
	}

	@Test
	void nodesFindEachOtherByMdnsOnIpv6Loopback() {
		String cluster = "v6-mdns-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
		Node a = start(cluster + "-a", cluster);
		Node b = start(cluster + "-b", cluster);
		a.awaitLine("CONNECTED " + b.id + " /[0:0:0:0:0:0:0:1]:");
		b.awaitLine("CONNECTED " + a.id + " /[0:0:0:0:0:0:0:1]:");
	}

	private Node start(String id, String cluster) {
		List<String> command = List.of("ip", "netns", "exec", this.namespace,
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), NodeProcess.class.getName(),
				"tcpnet.node-id=" + id, "tcpnet.cluster=" + cluster, "tcpnet.server.address=::1",
				"tcpnet.discovery.mdns.interfaces=::1", "tcpnet.discovery.static.peers=");
		Node node = new Node(id, command);
		this.nodes.add(node);
		return node;
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
			// A bound against hanging, not a performance claim: JVM start plus mDNS's probing
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
				// The end of its input stops the node: it closes its context, which says goodbye
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
