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

package dev.tcpnet.test.netns;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Two network namespaces made for one test and removed after it: an "application" one,
 * shaped like a developer's machine ({@code lo}, and an {@code eth0} that is up, has an
 * IPv4 address and carries multicast), and a "capture" one holding the other end of
 * {@code eth0}'s veth pair. Whatever the application sends off loopback arrives there and
 * shows in the capture end's packet counters. Both ends are created inside these
 * namespaces, never in the machine's own; there is no default route, and IPv6 is off on
 * the link, so the kernel itself sends nothing on it (no neighbour discovery, no MLD).
 */
final class CaptureLink implements AutoCloseable {

	private static final String PREFIX = "tcpnet-testmod-";

	private final String appNamespace;

	private final String captureNamespace;

	private final Thread shutdownHook = new Thread(this::close, "capture-link-teardown");

	private CaptureLink(String id) {
		this.appNamespace = PREFIX + id + "-app";
		this.captureNamespace = PREFIX + id + "-cap";
	}

	/**
	 * Why the link cannot be made here, or {@code null} when it can.
	 */
	static @Nullable String unavailableReason() {
		if (!"root".equals(System.getProperty("user.name"))) {
			return "not running as root";
		}
		if (executable("ip") == null || executable("ss") == null) {
			return "'ip' or 'ss' (iproute2) is not installed";
		}
		String probe = PREFIX + ProcessHandle.current().pid() + "-probe";
		Result made = run("ip", "netns", "add", probe);
		run("ip", "netns", "del", probe);
		return (made.exitCode() != 0) ? "cannot make a network namespace: " + made.output().trim() : null;
	}

	static CaptureLink create() {
		String id = ProcessHandle.current().pid() + "-"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
		CaptureLink link = new CaptureLink(id);
		Runtime.getRuntime().addShutdownHook(link.shutdownHook);
		try {
			link.build();
			return link;
		}
		catch (RuntimeException ex) {
			link.close();
			throw ex;
		}
	}

	private void build() {
		int subnet = ThreadLocalRandom.current().nextInt(1, 255);
		check("ip", "netns", "add", this.appNamespace);
		check("ip", "netns", "add", this.captureNamespace);
		for (String namespace : List.of(this.appNamespace, this.captureNamespace)) {
			// New interfaces get no IPv6: the kernel would send router solicitations
			// and MLD reports of its own on the link.
			run("ip", "netns", "exec", namespace, "sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6; "
					+ "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6");
		}
		check("ip", "-n", this.appNamespace, "link", "set", "lo", "up");
		// Made inside the application's namespace, its peer moved straight into the
		// capture one.
		check("ip", "netns", "exec", this.appNamespace, "ip", "link", "add", "eth0", "type", "veth", "peer", "name",
				"cap0", "netns", this.captureNamespace);
		check("ip", "-n", this.appNamespace, "addr", "add", "10.219." + subnet + ".2/24", "dev", "eth0");
		check("ip", "-n", this.appNamespace, "link", "set", "eth0", "up");
		check("ip", "-n", this.captureNamespace, "link", "set", "cap0", "up");
		// As on a LAN host: multicast (mDNS) leaves through eth0.
		check("ip", "-n", this.appNamespace, "route", "add", "224.0.0.0/4", "dev", "eth0");
		verifyIsolated();
	}

	private void verifyIsolated() {
		List<String> links = lines(check("ip", "-n", this.appNamespace, "-o", "link", "show"));
		if (links.size() != 2) {
			throw new IllegalStateException("unexpected interfaces in the application's namespace: " + links);
		}
		for (String namespace : List.of(this.appNamespace, this.captureNamespace)) {
			String routes = check("ip", "-n", namespace, "route", "show", "default").trim();
			if (!routes.isEmpty()) {
				throw new IllegalStateException(namespace + " has a default route: " + routes);
			}
		}
	}

	/**
	 * The command that runs a command inside the application's namespace.
	 */
	List<String> inApplicationNamespace(List<String> command) {
		List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", this.appNamespace));
		wrapped.addAll(command);
		return wrapped;
	}

	/**
	 * Packets that have come out of the application's namespace so far.
	 */
	long packetsCaptured() {
		String count = check("ip", "netns", "exec", this.captureNamespace, "cat",
				"/sys/class/net/cap0/statistics/rx_packets");
		return Long.parseLong(count.trim());
	}

	/**
	 * The TCP and UDP sockets bound in the application's namespace, one line each.
	 */
	List<String> boundSockets() {
		return lines(check("ip", "netns", "exec", this.appNamespace, "ss", "-H", "-n", "-l", "-t", "-u"));
	}

	@Override
	public void close() {
		run("ip", "netns", "del", this.appNamespace);
		run("ip", "netns", "del", this.captureNamespace);
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// Closing from the hook itself
		}
	}

	private static List<String> lines(String output) {
		return output.lines().filter((line) -> !line.isBlank()).toList();
	}

	private static String check(String... command) {
		Result result = run(command);
		if (result.exitCode() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
		}
		return result.output();
	}

	private static Result run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return new Result(-1, output + " (timed out)");
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			return new Result(-1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(-1, ex.toString());
		}
	}

	private static @Nullable String executable(String name) {
		for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
			File file = new File(dir, name);
			if (file.canExecute()) {
				return file.getPath();
			}
		}
		return null;
	}

	private record Result(int exitCode, String output) {

	}

}
