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

package dev.tcpnet.fault;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.security.auth.module.UnixSystem;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A small network of "hosts" on this machine, made for one test class and removed after
 * it: one network namespace per host, each with {@code lo} and an {@code eth0} whose
 * other end is a port of a bridge that lives in a namespace of its own. Nothing here
 * touches the machine's own namespace or interfaces: every link is created inside the
 * lab's namespaces, hosts get addresses in {@code 10.213.R.0/24} (R random), and no
 * namespace gets a default route, so no packet can leave the lab.
 *
 * <p>
 * A lab may have several subnets ({@link #createRouted}): subnet S is
 * {@code 10.(212+S).R.0/24} on a bridge of its own, and a router namespace with a leg on
 * each bridge ({@code .1}) forwards unicast between them, as an IP router does. Only the
 * router forwards (IPv4 forwarding is switched on in its namespace alone), hosts reach
 * the other subnets by one route each via their router leg, and multicast is not routed,
 * so mDNS stays within its subnet.
 *
 * <p>
 * Faults: {@link #partition} and {@link #heal} take a host's bridge port down and up;
 * {@link #resetConnections} aborts TCP connections with {@code ss -K}; {@link #impair}
 * adds loss and delay on a host's link ({@code tc netem} when the kernel has it, else a
 * user-space wire, see {@code impairment-wire.py}); {@link #signal} sends a signal to a
 * process. {@link #close} (also run by a shutdown hook) kills every process started here
 * and deletes every namespace; names carry the JVM's pid and a random part, and
 * namespaces left by a run whose JVM is gone are removed when the next lab is made.
 */
final class NetLab implements AutoCloseable {

	private static final String PREFIX = "tcpnet-fault-";

	private static final Pattern STALE = Pattern
		.compile(Pattern.quote(PREFIX) + "(\\d+)-[0-9a-f]+-(br\\d*|rt|h\\d+|probe)");

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

	private final String id;

	private final int subnetOctet;

	private final List<Subnet> subnets = new ArrayList<>();

	private final String routerNamespace;

	private final List<Host> hosts = new ArrayList<>();

	private final List<Process> processes = new CopyOnWriteArrayList<>();

	private final Map<Host, Impairment> impairments = new ConcurrentHashMap<>();

	private final Thread shutdownHook = new Thread(this::close, "netlab-teardown");

	private volatile boolean closed;

	private NetLab(String id, int subnetOctet) {
		this.id = id;
		this.subnetOctet = subnetOctet;
		this.routerNamespace = PREFIX + id + "-rt";
	}

	/**
	 * Skips the calling test (a JUnit assumption) when a lab cannot be made here: not
	 * root, or {@code ip}, {@code ss} or {@code tc} missing. Under {@code CI=true} it
	 * fails instead: CI has what these tests need, and a skipped fault test there would
	 * pass unnoticed.
	 */
	static void assumeAvailable() {
		String reason = unavailableReason();
		String message = "Network fault tests need root and iproute2 (ip, ss, tc) to make private network namespaces;"
				+ " CI runs them as root. Here: " + reason;
		if (reason != null && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException(message + " (CI=true: failing, not skipping)");
		}
		Assumptions.assumeTrue(reason == null, () -> "Skipped. " + message);
	}

	static @Nullable String unavailableReason() {
		if (new UnixSystem().getUid() != 0) {
			return "not running as root";
		}
		for (String tool : List.of("ip", "ss", "tc")) {
			if (executable(tool) == null) {
				return "'" + tool + "' (iproute2) is not installed";
			}
		}
		// Root in a container may still lack the right to make namespaces: try once.
		String probe = PREFIX + ProcessHandle.current().pid() + "-0-probe";
		Result made = run(List.of("ip", "netns", "add", probe));
		run(List.of("ip", "netns", "del", probe));
		return (made.exitCode() != 0) ? "cannot make a network namespace: " + made.output().trim() : null;
	}

	/**
	 * Makes a lab of hosts h1..hN on one bridge.
	 * @param hostCount the number of hosts
	 * @return the lab, ready
	 */
	static NetLab create(int hostCount) {
		return createRouted(hostCount);
	}

	/**
	 * Makes a lab of subnets joined by a router (none when there is one subnet), the
	 * hosts numbered h1..hN across them in order.
	 * @param hostsPerSubnet the number of hosts on each subnet, at most nine subnets
	 * @return the lab, ready
	 */
	static NetLab createRouted(int... hostsPerSubnet) {
		if (hostsPerSubnet.length < 1 || hostsPerSubnet.length > 9) {
			throw new IllegalArgumentException("1 to 9 subnets, not " + hostsPerSubnet.length);
		}
		String id = ProcessHandle.current().pid() + "-"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
		NetLab lab = new NetLab(id, ThreadLocalRandom.current().nextInt(1, 255));
		Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
		try {
			removeStale();
			lab.build(hostsPerSubnet);
			return lab;
		}
		catch (RuntimeException | Error ex) {
			lab.close();
			throw ex;
		}
	}

	List<Host> hosts() {
		return List.copyOf(this.hosts);
	}

	Host host(int index) {
		return this.hosts.get(index - 1);
	}

	private void build(int[] hostsPerSubnet) {
		int index = 1;
		for (int count : hostsPerSubnet) {
			Subnet subnet = addSubnet(this.subnets.size() + 1);
			for (int i = 0; i < count; i++) {
				this.hosts.add(addHost(index++, subnet));
			}
		}
		if (this.subnets.size() > 1) {
			addRouter();
		}
		verifyIsolated();
	}

	private Subnet addSubnet(int number) {
		// The first keeps the name a one-subnet lab has always had
		String namespace = PREFIX + this.id + "-br" + ((number == 1) ? "" : number);
		Subnet subnet = new Subnet(number, "10." + (212 + number) + "." + this.subnetOctet + ".", namespace);
		ip("netns", "add", namespace);
		this.subnets.add(subnet);
		ipIn(namespace, "link", "set", "lo", "up");
		// No IGMP snooping: the bridge floods mDNS multicast to every port, as a plain
		// switch does.
		ipIn(namespace, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
		ipIn(namespace, "link", "set", "br0", "up");
		return subnet;
	}

	private Host addHost(int index, Subnet subnet) {
		Host host = new Host(index, "h" + index, PREFIX + this.id + "-h" + index, subnet.prefix() + (10 + index),
				subnet.bridgeNamespace(), "v" + index);
		ip("netns", "add", host.namespace());
		ipIn(host.namespace(), "link", "set", "lo", "up");
		// Both ends are created inside the lab's namespaces, never in the machine's own.
		ipIn(host.bridgeNamespace(), "link", "add", host.bridgePort(), "type", "veth", "peer", "name", "eth0", "netns",
				host.namespace());
		ipIn(host.bridgeNamespace(), "link", "set", host.bridgePort(), "master", "br0");
		ipIn(host.bridgeNamespace(), "link", "set", host.bridgePort(), "up");
		ipIn(host.namespace(), "addr", "add", host.address() + "/24", "dev", "eth0");
		// Segments no larger than a frame, so that a user-space wire can forward every
		// one
		run(List.of("ip", "-n", host.namespace(), "link", "set", "dev", "eth0", "gso_max_size", "1500", "gso_max_segs",
				"1"));
		ipIn(host.namespace(), "link", "set", "eth0", "up");
		// mDNS: multicast goes out of eth0 (to the bridge); there is no default route at
		// all.
		ipIn(host.namespace(), "route", "add", "224.0.0.0/4", "dev", "eth0");
		return host;
	}

	// One leg ethS (address .1) on the bridge of each subnet S. Multicast is never
	// forwarded:
	// there is no multicast routing, and 224.0.0.0/24 (mDNS) is link-local anyway.
	private void addRouter() {
		ip("netns", "add", this.routerNamespace);
		ipIn(this.routerNamespace, "link", "set", "lo", "up");
		for (Subnet subnet : this.subnets) {
			String port = "r" + subnet.number();
			String leg = "eth" + subnet.number();
			ipIn(subnet.bridgeNamespace(), "link", "add", port, "type", "veth", "peer", "name", leg, "netns",
					this.routerNamespace);
			ipIn(subnet.bridgeNamespace(), "link", "set", port, "master", "br0");
			ipIn(subnet.bridgeNamespace(), "link", "set", port, "up");
			ipIn(this.routerNamespace, "addr", "add", subnet.routerAddress() + "/24", "dev", leg);
			ipIn(this.routerNamespace, "link", "set", leg, "up");
		}
		// /proc/sys/net is per namespace: this switches forwarding on in the router's
		// alone.
		check(run(List.of("ip", "netns", "exec", this.routerNamespace, "sh", "-c",
				"echo 1 > /proc/sys/net/ipv4/ip_forward")));
		for (Host host : this.hosts) {
			Subnet own = subnetOf(host);
			for (Subnet other : this.subnets) {
				if (other != own) {
					ipIn(host.namespace(), "route", "add", other.prefix() + "0/24", "via", own.routerAddress(), "dev",
							"eth0");
				}
			}
		}
	}

	private Subnet subnetOf(Host host) {
		return this.subnets.stream()
			.filter((subnet) -> subnet.bridgeNamespace().equals(host.bridgeNamespace()))
			.findFirst()
			.orElseThrow();
	}

	private void verifyIsolated() {
		for (Host host : this.hosts) {
			List<String> links = lines(ipIn(host.namespace(), "-o", "link", "show"));
			if (links.size() != 2) {
				throw new IllegalStateException("host " + host.name() + " has unexpected interfaces: " + links);
			}
			requireNoDefaultRoute(host.namespace());
		}
		for (Subnet subnet : this.subnets) {
			requireNoDefaultRoute(subnet.bridgeNamespace());
		}
		if (this.subnets.size() > 1) {
			List<String> links = lines(ipIn(this.routerNamespace, "-o", "link", "show"));
			if (links.size() != this.subnets.size() + 1) {
				throw new IllegalStateException("the router has unexpected interfaces: " + links);
			}
			requireNoDefaultRoute(this.routerNamespace);
		}
	}

	private static void requireNoDefaultRoute(String namespace) {
		for (String family : List.of("-4", "-6")) {
			String routes = run(List.of("ip", family, "-n", namespace, "route", "show", "default")).output().trim();
			if (!routes.isEmpty()) {
				throw new IllegalStateException("namespace " + namespace + " has a default route: " + routes);
			}
		}
	}

	/**
	 * Cuts a host off the bridge: its bridge port goes down (and its eth0 loses carrier).
	 * TCP sees nothing but silence.
	 */
	void partition(Host host) {
		ipIn(host.bridgeNamespace(), "link", "set", host.bridgePort(), "down");
	}

	/**
	 * Connects a partitioned host again.
	 */
	void heal(Host host) {
		ipIn(host.bridgeNamespace(), "link", "set", host.bridgePort(), "up");
	}

	/**
	 * Aborts, inside a host, every TCP connection to an address
	 * ({@code ss -K dst ADDRESS}): the kernel closes the sockets and sends a reset to the
	 * other end.
	 * @return how many sockets {@code ss} reports it closed
	 */
	int resetConnections(Host host, String destination) {
		Result result = run(
				List.of("ip", "netns", "exec", host.namespace(), "ss", "-K", "-t", "-n", "dst", destination));
		return (int) lines(result.output()).stream().filter((line) -> line.startsWith("ESTAB")).count();
	}

	/**
	 * Adds loss and delay, each way, on a host's link: {@code tc netem} on both ends of
	 * its veth when the kernel has netem, else a user-space wire spliced between the
	 * host's port and the bridge.
	 * @return what was done
	 */
	Impairment impair(Host host, double lossPercent, Duration delay) {
		if (this.impairments.containsKey(host)) {
			throw new IllegalStateException(host.name() + " is impaired already");
		}
		String loss = String.format(Locale.ROOT, "%s%%", lossPercent);
		String delayMs = delay.toMillis() + "ms";
		Result netem = run(List.of("ip", "netns", "exec", host.bridgeNamespace(), "tc", "qdisc", "add", "dev",
				host.bridgePort(), "root", "netem", "loss", loss, "delay", delayMs));
		Impairment impairment;
		if (netem.exitCode() == 0) {
			check(run(List.of("ip", "netns", "exec", host.namespace(), "tc", "qdisc", "add", "dev", "eth0", "root",
					"netem", "loss", loss, "delay", delayMs)));
			impairment = new Impairment("tc netem", null);
		}
		else {
			impairment = new Impairment("user-space wire (this kernel has no netem: " + netem.output().trim() + ")",
					startWire(host, lossPercent, delay));
		}
		this.impairments.put(host, impairment);
		return impairment;
	}

	private Wire startWire(Host host, double lossPercent, Duration delay) {
		String python = executable("python3");
		Assumptions.assumeTrue(python != null,
				"This kernel has no netem and python3 (for the user-space impairment wire) is not installed");
		String inner = "w" + host.index() + "a";
		String outer = "w" + host.index() + "b";
		ipIn(host.bridgeNamespace(), "link", "add", inner, "type", "veth", "peer", "name", outer);
		try {
			ipIn(host.bridgeNamespace(), "link", "set", outer, "master", "br0");
			ipIn(host.bridgeNamespace(), "link", "set", outer, "up");
			ipIn(host.bridgeNamespace(), "link", "set", inner, "up");
			ipIn(host.bridgeNamespace(), "link", "set", host.bridgePort(), "nomaster");
			Process process = start(
					List.of("ip", "netns", "exec", host.bridgeNamespace(), python, wireScript().toString(),
							host.bridgePort(), inner, Double.toString(lossPercent), Long.toString(delay.toMillis()),
							Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)), "600"));
			Wire wire = new Wire(process, inner);
			try {
				wire.awaitReady(Duration.ofSeconds(15));
			}
			catch (RuntimeException ex) {
				wire.stop();
				throw ex;
			}
			return wire;
		}
		catch (RuntimeException ex) {
			// Leave the host on the bridge as it was
			run(List.of("ip", "-n", host.bridgeNamespace(), "link", "del", inner));
			run(List.of("ip", "-n", host.bridgeNamespace(), "link", "set", host.bridgePort(), "master", "br0"));
			throw ex;
		}
	}

	private Path wireScript() {
		try (InputStream in = NetLab.class.getResourceAsStream("impairment-wire.py")) {
			if (in == null) {
				throw new IllegalStateException("impairment-wire.py is not on the test class path");
			}
			Path script = Files.createTempFile(PREFIX + "wire-", ".py");
			script.toFile().deleteOnExit();
			Files.write(script, in.readAllBytes());
			return script;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Removes a host's impairment.
	 */
	void clearImpairment(Host host) {
		Impairment impairment = this.impairments.remove(host);
		if (impairment == null) {
			return;
		}
		if (impairment.wire() == null) {
			run(List.of("ip", "netns", "exec", host.bridgeNamespace(), "tc", "qdisc", "del", "dev", host.bridgePort(),
					"root"));
			run(List.of("ip", "netns", "exec", host.namespace(), "tc", "qdisc", "del", "dev", "eth0", "root"));
			return;
		}
		impairment.wire().stop();
		this.processes.remove(impairment.wire().process);
		ipIn(host.bridgeNamespace(), "link", "del", impairment.wire().inner);
		ipIn(host.bridgeNamespace(), "link", "set", host.bridgePort(), "master", "br0");
	}

	/**
	 * Starts a command inside a host ({@code ip netns exec}, which execs the command, so
	 * the process is the command itself). Standard error goes with standard output.
	 */
	Process start(Host host, List<String> command) {
		List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
		full.addAll(command);
		return start(full);
	}

	private Process start(List<String> command) {
		if (this.closed) {
			throw new IllegalStateException("the lab is closed");
		}
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			this.processes.add(process);
			return process;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start " + command, ex);
		}
	}

	/**
	 * Sends a signal ({@code STOP}, {@code CONT}, {@code KILL}, …) to a process of this
	 * lab.
	 */
	void signal(long pid, String signal) {
		boolean ours = this.processes.stream().anyMatch((process) -> process.pid() == pid);
		if (!ours) {
			throw new IllegalArgumentException("process " + pid + " was not started by this lab");
		}
		check(run(List.of("kill", "-s", signal, Long.toString(pid))));
	}

	/**
	 * Kills every process started here and deletes the lab's namespaces. Safe to call
	 * twice.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		for (Process process : this.processes) {
			if (process.isAlive()) {
				// A stopped process dies of SIGKILL too; SIGCONT first lets its pipes
				// drain.
				run(List.of("kill", "-s", "CONT", Long.toString(process.pid())));
				process.destroyForcibly();
			}
		}
		for (Process process : this.processes) {
			try {
				process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		for (Host host : this.hosts) {
			run(List.of("ip", "netns", "del", host.namespace()));
		}
		run(List.of("ip", "netns", "del", this.routerNamespace));
		for (Subnet subnet : this.subnets) {
			run(List.of("ip", "netns", "del", subnet.bridgeNamespace()));
		}
		List<String> left = namespaces().stream().filter((name) -> name.startsWith(PREFIX + this.id + "-")).toList();
		if (!left.isEmpty()) {
			System.err.println("NetLab: namespaces not removed: " + left);
		}
		if (Thread.currentThread() != this.shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// shutting down already
			}
		}
	}

	/**
	 * Removes namespaces of earlier labs whose JVM is gone (killed before its teardown),
	 * and the processes still running in them.
	 */
	private static void removeStale() {
		for (String name : namespaces()) {
			Matcher matcher = STALE.matcher(name);
			if (matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty()) {
				for (String pid : lines(run(List.of("ip", "netns", "pids", name)).output())) {
					run(List.of("kill", "-s", "KILL", pid.trim()));
				}
				run(List.of("ip", "netns", "del", name));
				System.out.println("NetLab: removed namespace " + name + " left by an earlier run");
			}
		}
	}

	private static List<String> namespaces() {
		return lines(run(List.of("ip", "netns", "list")).output()).stream()
			.map((line) -> line.split("\\s+")[0])
			.toList();
	}

	private static String ip(String... args) {
		List<String> command = new ArrayList<>(List.of("ip"));
		command.addAll(Arrays.asList(args));
		return check(run(command)).output();
	}

	private static String ipIn(String namespace, String... args) {
		List<String> command = new ArrayList<>(List.of("ip", "-n", namespace));
		command.addAll(Arrays.asList(args));
		return check(run(command)).output();
	}

	private static Result check(Result result) {
		if (result.exitCode() != 0) {
			throw new IllegalStateException("'" + String.join(" ", result.command()) + "' failed (" + result.exitCode()
					+ "): " + result.output());
		}
		return result;
	}

	static Result run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			// Small outputs only: read after exit is safe below the pipe's capacity, but
			// read
			// concurrently anyway so that a chatty command cannot block.
			StringBuilder output = new StringBuilder();
			Thread reader = new Thread(() -> output.append(readAll(process.getInputStream())));
			reader.setDaemon(true);
			reader.start();
			if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return new Result(command, -1, "timed out after " + COMMAND_TIMEOUT.toSeconds() + " s");
			}
			reader.join(2000);
			return new Result(command, process.exitValue(), output.toString());
		}
		catch (IOException ex) {
			return new Result(command, -1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(command, -1, "interrupted");
		}
	}

	private static String readAll(InputStream in) {
		try {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static List<String> lines(String text) {
		return text.lines().filter((line) -> !line.isBlank()).toList();
	}

	static @Nullable String executable(String name) {
		List<String> directories = new ArrayList<>(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
		String path = System.getenv("PATH");
		if (path != null) {
			directories.addAll(Arrays.asList(path.split(File.pathSeparator)));
		}
		for (String directory : directories) {
			Path candidate = Path.of(directory, name);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

	/**
	 * One host of the lab.
	 *
	 * @param index its number, from 1
	 * @param name {@code h1}, {@code h2}, …
	 * @param namespace its network namespace
	 * @param address its IPv4 address on the bridge
	 * @param bridgeNamespace the namespace of its subnet's bridge
	 * @param bridgePort the name of its veth end on the bridge, in the bridge's namespace
	 */
	record Host(int index, String name, String namespace, String address, String bridgeNamespace, String bridgePort) {
	}

	/**
	 * One subnet: a bridge in a namespace of its own.
	 *
	 * @param number its number, from 1
	 * @param prefix the first three octets and a dot, {@code 10.(212+number).R.}
	 * @param bridgeNamespace the namespace of its bridge {@code br0}
	 */
	record Subnet(int number, String prefix, String bridgeNamespace) {

		String routerAddress() {
			return this.prefix + "1";
		}

	}

	/**
	 * A command's outcome.
	 */
	record Result(List<String> command, int exitCode, String output) {
	}

	/**
	 * How a link was impaired.
	 *
	 * @param method {@code tc netem} or the user-space wire
	 * @param wire the wire, when one runs
	 */
	record Impairment(String method, @Nullable Wire wire) {

		/**
		 * Returns the wire's counters (frames in, dropped, forwarded per direction), or
		 * the method when netem does the work.
		 */
		String stats() {
			return (this.wire != null) ? this.wire.stats() : this.method;
		}

	}

	/**
	 * The user-space wire process.
	 */
	static final class Wire {

		private final Process process;

		private final String inner;

		private final List<String> lines = new CopyOnWriteArrayList<>();

		Wire(Process process, String inner) {
			this.process = process;
			this.inner = inner;
			Thread reader = new Thread(this::read, "wire-output");
			reader.setDaemon(true);
			reader.start();
		}

		private void read() {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					this.lines.add(line);
				}
			}
			catch (IOException ex) {
				// gone
			}
		}

		void awaitReady(Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				if (this.lines.contains("WIRE-READY")) {
					return;
				}
				if (!this.process.isAlive()) {
					throw new IllegalStateException("the impairment wire exited: " + this.lines);
				}
				sleep(50);
			}
			throw new IllegalStateException("the impairment wire did not start: " + this.lines);
		}

		String stats() {
			int before = this.lines.size();
			try {
				OutputStream in = this.process.getOutputStream();
				in.write('\n');
				in.flush();
			}
			catch (IOException ex) {
				return "wire gone: " + ex.getMessage();
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (System.nanoTime() < deadline) {
				Optional<String> stats = this.lines.stream()
					.skip(before)
					.filter((l) -> l.startsWith("WIRE-STATS"))
					.findFirst();
				if (stats.isPresent()) {
					return stats.get().substring("WIRE-STATS ".length());
				}
				sleep(20);
			}
			return "no stats";
		}

		void stop() {
			try {
				this.process.getOutputStream().close();
			}
			catch (IOException ex) {
				// gone already
			}
			this.process.destroyForcibly();
			try {
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private static void sleep(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
