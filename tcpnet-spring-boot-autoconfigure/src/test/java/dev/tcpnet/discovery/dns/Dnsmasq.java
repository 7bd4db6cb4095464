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

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.naming.NamingException;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * A real DNS server for tests: Debian's {@code dnsmasq}, on 127.0.0.1 and a free high
 * port, answering only from the data this class writes, never forwarding a query.
 *
 * <p>
 * How the data changes at run time, as dnsmasq allows it:
 * <ul>
 * <li>A/AAAA records live in {@code --hostsdir}, one file per record. dnsmasq watches
 * that directory with inotify: a file moved in is read, a deleted file's records are
 * dropped, with no signal and no restart. Files are written beside the directory and
 * moved in, because dnsmasq also reads a temporary file created inside it and keeps that
 * file's records after it is renamed.</li>
 * <li>SRV records ({@code srv-host=} lines) can only come from the configuration file,
 * and dnsmasq never re-reads it: SIGHUP re-reads hosts files only, and
 * {@code --servers-file} takes nothing but {@code server=} lines. So an SRV change
 * rewrites the file and restarts dnsmasq on the same port; queries in between fail as if
 * the server were briefly down.</li>
 * </ul>
 * dnsmasq runs with {@code --no-daemon}, which keeps it in the foreground and, unlike
 * {@code --keep-in-foreground}, does not switch to the {@code dnsmasq} user when started
 * by root (that user cannot read a temporary directory, and dnsmasq would only log it).
 * {@code --local} makes unknown names under {@link #DOMAIN} NXDOMAIN instead of REFUSED.
 */
final class Dnsmasq implements AutoCloseable {

	/**
	 * Every name served ends with this domain (RFC 6761 keeps {@code .test} for tests).
	 */
	static final String DOMAIN = "tcpnet.test";

	private static final String READY_NAME = "ready." + DOMAIN;

	private static final List<String> LOCATIONS = List.of("/usr/sbin/dnsmasq", "/usr/local/sbin/dnsmasq",
			"/sbin/dnsmasq");

	private final Path executable;

	private final Path hostsDirectory;

	private final Path staging;

	private final Path configuration;

	private final Path log;

	private final Set<String> srvLines = new LinkedHashSet<>();

	private int port;

	private Process process;

	private Dnsmasq(Path executable, Path directory) throws IOException {
		this.executable = executable;
		this.hostsDirectory = Files.createDirectories(directory.resolve("hosts"));
		this.staging = Files.createDirectories(directory.resolve("staging"));
		this.configuration = directory.resolve("dnsmasq.conf");
		this.log = directory.resolve("dnsmasq.log");
		Files.writeString(this.configuration, "");
	}

	/**
	 * Skips the calling test when dnsmasq is not installed.
	 */
	static void assumeInstalled() {
		Assumptions.assumeTrue(executable().isPresent(),
				"dnsmasq is not installed: skipping tests against a real DNS server "
						+ "(apt-get install dnsmasq; CI installs it)");
	}

	static Optional<Path> executable() {
		Stream<String> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map((directory) -> directory + "/dnsmasq");
		return Stream.concat(LOCATIONS.stream(), path).map(Path::of).filter(Files::isExecutable).findFirst();
	}

	/**
	 * Starts dnsmasq with no records on a free port.
	 * @param directory where to keep its files
	 * @return the running server
	 */
	static Dnsmasq start(Path directory) throws IOException {
		Dnsmasq dnsmasq = new Dnsmasq(executable().orElseThrow(), directory);
		dnsmasq.startOnFreePort();
		return dnsmasq;
	}

	/** The {@code host:port} to ask. */
	String server() {
		return "127.0.0.1:" + this.port;
	}

	int port() {
		return this.port;
	}

	/**
	 * Adds an A or AAAA record; effective once this returns.
	 */
	void addHost(String name, String address) throws IOException {
		Path staged = this.staging.resolve(fileName(name, address));
		Files.writeString(staged, address + " " + name + "\n");
		Files.move(staged, this.hostsDirectory.resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
		awaitDnsmasq().until(() -> lookup(name).contains(address));
	}

	/**
	 * Removes an A or AAAA record; effective once this returns.
	 */
	void removeHost(String name, String address) throws IOException {
		Files.delete(this.hostsDirectory.resolve(fileName(name, address)));
		awaitDnsmasq().until(() -> !lookup(name).contains(address));
	}

	private static ConditionFactory awaitDnsmasq() {
		return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10));
	}

	private static String fileName(String name, String address) {
		return name + "_" + address.replace(':', '-');
	}

	/**
	 * Adds an SRV record (restarts dnsmasq).
	 */
	void addSrv(String service, String target, int targetPort) throws IOException {
		this.srvLines.add(srvLine(service, target, targetPort));
		restart();
	}

	/**
	 * Removes an SRV record (restarts dnsmasq).
	 */
	void removeSrv(String service, String target, int targetPort) throws IOException {
		this.srvLines.remove(srvLine(service, target, targetPort));
		restart();
	}

	private static String srvLine(String service, String target, int targetPort) {
		return "srv-host=" + service + "," + target + "," + targetPort;
	}

	/**
	 * Counts the queries dnsmasq logged for a name and type since it was first started.
	 */
	long queries(String name, String type) throws IOException {
		String needle = "query[" + type + "] " + name + " ";
		try (Stream<String> lines = Files.lines(this.log, StandardCharsets.UTF_8)) {
			return lines.filter((line) -> line.contains(needle)).count();
		}
	}

	/**
	 * Starts dnsmasq again on the same port, after {@link #close()} or to re-read SRV
	 * records.
	 */
	void restart() throws IOException {
		stopProcess();
		Files.writeString(this.configuration, String.join("\n", this.srvLines) + "\n");
		startProcess();
	}

	private void startOnFreePort() throws IOException {
		RuntimeException failure = null;
		for (int attempt = 0; attempt < 5; attempt++) {
			this.port = freePort();
			try {
				startProcess();
				return;
			}
			catch (RuntimeException ex) {
				// Most likely someone took the port in between
				failure = ex;
			}
		}
		throw failure;
	}

	private void startProcess() throws IOException {
		List<String> command = List.of(this.executable.toString(), "--no-daemon", "--no-resolv", "--no-hosts",
				"--bind-interfaces", "--listen-address=127.0.0.1", "--port=" + this.port, "--local=/" + DOMAIN + "/",
				"--host-record=" + READY_NAME + ",127.0.0.1", "--conf-file=" + this.configuration,
				"--hostsdir=" + this.hostsDirectory, "--log-queries", "--log-facility=-");
		Process started = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		this.process = started;
		try {
			awaitDnsmasq().failFast("dnsmasq exited", () -> !started.isAlive())
				.until(() -> lookup(READY_NAME).contains("127.0.0.1"));
		}
		catch (RuntimeException ex) {
			stopProcess();
			throw new IllegalStateException("dnsmasq did not start on port " + this.port + ": " + logText(), ex);
		}
	}

	/**
	 * The A and AAAA records of a name, empty if it has none or dnsmasq does not answer.
	 */
	List<String> lookup(String name) {
		JndiDnsLookup lookup = new JndiDnsLookup(new InetSocketAddress("127.0.0.1", this.port));
		List<String> addresses = new ArrayList<>();
		for (String type : List.of("A", "AAAA")) {
			try {
				addresses.addAll(lookup.query(name, type));
			}
			catch (NamingException ex) {
				// Not there (yet)
			}
		}
		return addresses;
	}

	String logText() throws IOException {
		return Files.readString(this.log, StandardCharsets.UTF_8);
	}

	private static int freePort() throws IOException {
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		// dnsmasq listens on both UDP and TCP
		try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
				ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, loopback)) {
			return udp.getLocalPort();
		}
	}

	private void stopProcess() {
		if (this.process != null) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	@Override
	public void close() {
		stopProcess();
	}

}
