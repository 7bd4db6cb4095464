package dev.tcpnet.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three sample-app processes started from the packaged jar form a mesh, exchange the demo
 * messages, and see a stopping node leave.
 *
 * <p>
 * As root, the three run in one private loopback-only network namespace (made with
 * {@code shared/tools/netns-run}) with default interface selection: nothing in the command
 * line tells them where to look, which is the zero-configuration claim. Otherwise (or when
 * the namespace cannot be made) they are pinned to 127.0.0.1 and get a cluster name of their
 * own, so that nothing leaves the machine and nothing else on it joins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeProcessClusterIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final List<String> NODE_IDS = List.of("node-1", "node-2", "node-3");

	private static final Map<String, Node> nodes = new LinkedHashMap<>();

	private static String namespace;

	@BeforeAll
	static void startCluster() throws IOException {
		Path jar = Path.of(System.getProperty("sample.jar", "target/tcpnet-sample.jar"));
		assertThat(jar).as("the packaged sample app (run 'package' first)").isRegularFile();
		namespace = createNamespace();
		Runtime.getRuntime().addShutdownHook(new Thread(ThreeProcessClusterIT::killAll));
		String cluster = "tcpnet-it-" + UUID.randomUUID().toString().substring(0, 8);
		for (String id : NODE_IDS) {
			nodes.put(id, Node.start(id, command(jar, id, cluster)));
		}
	}

	@AfterAll
	static void stopCluster() {
		killAll();
		if (namespace != null) {
			run(netnsRun().toString(), "--down", namespace);
		}
	}

	@Test
	@Order(1)
	void everyNodeConnectsToTheOthersOnceAndReceivesTheirMessages() {
		awaitMesh();
		for (Node node : nodes.values()) {
			for (String other : others(node.id)) {
				assertThat(node.count("connected to " + other + " ("))
					.as("%s connected to %s more than once", node.id, other)
					.isEqualTo(1);
			}
		}
	}

	@Test
	@Order(2)
	void aStoppedNodeIsReportedAsLeftByTheOthers() throws InterruptedException {
		awaitMesh();
		Node leaving = nodes.get("node-3");
		leaving.process.destroy();
		for (String id : others(leaving.id)) {
			awaitLine(nodes.get(id), "disconnected from " + leaving.id + " (LEFT)");
		}
		assertThat(leaving.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.as("node-3 exits after SIGTERM")
			.isTrue();
		assertThat(nodes.get("node-1").count("disconnected from node-2")).isZero();
		assertThat(nodes.get("node-2").count("disconnected from node-1")).isZero();
	}

	private static void awaitMesh() {
		for (Node node : nodes.values()) {
			for (String other : others(node.id)) {
				awaitLine(node, "connected to " + other + " (");
				awaitLine(node, "message from " + other);
			}
		}
	}

	private static void awaitLine(Node node, String fragment) {
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.failFast(node.id + " exited early", () -> !node.process.isAlive() && !node.hasLine(fragment))
			.untilAsserted(() -> assertThat(node.hasLine(fragment))
				.as(() -> node.id + " never logged '" + fragment + "'; its log ends with:\n" + node.tail(40))
				.isTrue());
	}

	private static List<String> others(String id) {
		return NODE_IDS.stream().filter((other) -> !other.equals(id)).toList();
	}

	private static List<String> command(Path jar, String id, String cluster) {
		List<String> command = new ArrayList<>();
		if (namespace != null) {
			command.addAll(List.of(netnsRun().toString(), "--exec", namespace, "--"));
		}
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(), "--tcpnet.node-id=" + id,
				"--server.port=0", "--spring.main.banner-mode=off",
				"--logging.pattern.console=%d{HH:mm:ss.SSS} %-5level %msg%n"));
		if (namespace == null) {
			command.addAll(List.of("--tcpnet.discovery.mdns.interfaces=127.0.0.1", "--tcpnet.server.address=127.0.0.1",
					"--server.address=127.0.0.1", "--tcpnet.cluster=" + cluster));
		}
		return command;
	}

	private static String createNamespace() {
		Path netnsRun = netnsRun();
		if (new UnixSystem().getUid() != 0 || !Files.isExecutable(netnsRun)) {
			System.out.println("ThreeProcessClusterIT: not root or no " + netnsRun + "; pinning nodes to 127.0.0.1");
			return null;
		}
		String name = "tcpnet-it-" + ProcessHandle.current().pid();
		if (run(netnsRun.toString(), "--up", name) != 0) {
			System.out.println("ThreeProcessClusterIT: could not create namespace " + name
					+ "; pinning nodes to 127.0.0.1");
			return null;
		}
		System.out.println("ThreeProcessClusterIT: nodes run in private network namespace " + name
				+ " with default interface selection");
		return name;
	}

	private static Path netnsRun() {
		String configured = System.getProperty("netns-run");
		return (configured != null) ? Path.of(configured).normalize()
				: Path.of("..", "..", "shared", "tools", "netns-run").toAbsolutePath().normalize();
	}

	private static int run(String... command) {
		try {
			Process process = new ProcessBuilder(command).inheritIO().redirectInput(ProcessBuilder.Redirect.PIPE).start();
			process.getOutputStream().close();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static synchronized void killAll() {
		nodes.values().forEach((node) -> node.process.destroy());
		for (Node node : nodes.values()) {
			try {
				if (!node.process.waitFor(15, TimeUnit.SECONDS)) {
					node.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				node.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * One sample-app process and the lines it has written so far.
	 */
	private static final class Node {

		private final String id;

		private final Process process;

		private final List<String> lines = new CopyOnWriteArrayList<>();

		private Node(String id, Process process) {
			this.id = id;
			this.process = process;
		}

		static Node start(String id, List<String> command) throws IOException {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			Node node = new Node(id, process);
			Thread reader = new Thread(node::readOutput, "output-" + id);
			reader.setDaemon(true);
			reader.start();
			return node;
		}

		private void readOutput() {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					this.lines.add(line);
					System.out.println("[" + this.id + "] " + line);
				}
			}
			catch (IOException ex) {
				// The process is gone.
			}
		}

		boolean hasLine(String fragment) {
			return this.lines.stream().anyMatch((line) -> line.contains(fragment));
		}

		long count(String fragment) {
			return this.lines.stream().filter((line) -> line.contains(fragment)).count();
		}

		/**
		 * Returns the last lines, leaving out the demo's once-a-second chatter.
		 */
		String tail(int count) {
			List<String> snapshot = this.lines.stream()
				.filter((line) -> !line.contains("write to ") && !line.contains("message from "))
				.toList();
			return String.join("\n", snapshot.subList(Math.max(0, snapshot.size() - count), snapshot.size()));
		}

	}

}
