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

package dev.tcpnet.benchmarks.driver;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How busy the machine was with work that is not the suite's: CPU time the whole machine
 * spent (from {@code /proc/stat}) minus what the suite and its processes spent, over a
 * section. On a shared machine this says how far to trust the section's figures.
 */
final class CpuAccount {

	private static final AtomicLong CHILDREN_NANOS = new AtomicLong();

	private static final double TICK_NANOS = 1e9 / 100; // USER_HZ

	private final long[] machineStart;

	private final long oursStart;

	private final long wallStart = System.nanoTime();

	private CpuAccount() {
		this.machineStart = machine();
		this.oursStart = ours();
	}

	static CpuAccount start() {
		return new CpuAccount();
	}

	/**
	 * Adds the CPU time of a process the suite is about to end.
	 * @param process the process
	 */
	static void charge(Process process) {
		process.info().totalCpuDuration().map(Duration::toNanos).ifPresent(CHILDREN_NANOS::addAndGet);
	}

	/**
	 * The share of the machine's CPU capacity that other work used, and that the
	 * hypervisor stole, since the start: {@code {others, steal}} in percent.
	 * @return {@code {others, steal}} in percent, {@code NaN} off Linux
	 */
	double[] sinceStart() {
		long[] machine = machine();
		if (machine == null || this.machineStart == null) {
			return new double[] { Double.NaN, Double.NaN };
		}
		double capacity = (System.nanoTime() - this.wallStart) * (double) Runtime.getRuntime().availableProcessors();
		double busy = (machine[0] - this.machineStart[0]) * TICK_NANOS;
		double steal = (machine[1] - this.machineStart[1]) * TICK_NANOS;
		double others = Math.max(0, busy - (ours() - this.oursStart));
		return new double[] { 100 * others / capacity, 100 * steal / capacity };
	}

	private static long ours() {
		long driver = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
		return driver + CHILDREN_NANOS.get();
	}

	/**
	 * Busy and stolen ticks of all CPUs, or {@code null} off Linux.
	 * @return {@code {busy, steal}} ticks, or {@code null}
	 */
	private static long[] machine() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			// cpu user nice system idle iowait irq softirq steal
			long busy = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3])
					+ Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
			return new long[] { busy, Long.parseLong(cpu[8]) };
		}
		catch (Exception ex) {
			return null;
		}
	}

}
