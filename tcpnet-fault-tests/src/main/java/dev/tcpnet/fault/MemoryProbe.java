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

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import org.springframework.stereotype.Component;

/**
 * Measures the memory a node holds, after a full GC, as one {@code FAULT-MEMORY} line:
 * <ul>
 * <li>{@code heap}: heap used right after {@code System.gc()} (a full collection with the
 * serial or G1 collector), so garbage does not count;</li>
 * <li>{@code jvmDirect}: the JVM's {@code direct} buffer pool ({@link BufferPoolMXBean}),
 * every direct {@code ByteBuffer} allocated through {@code ByteBuffer.allocateDirect},
 * which is what {@code -XX:MaxDirectMemorySize} limits and where Netty's buffers live
 * unless it can allocate without a cleaner;</li>
 * <li>{@code nettyNoCleaner}: direct memory Netty allocated without a cleaner
 * ({@code PlatformDependent.usedDirectMemory()}, 0 when it does not, as on JDK 17 without
 * {@code --add-opens}); disjoint from {@code jvmDirect};</li>
 * <li>{@code nettyAllocator}: what Netty's default allocator (the one every tcpnet
 * channel uses) reports as its direct memory, chunks held included: a part of the two
 * above, printed to tell tcpnet's share;</li>
 * <li>{@code counted = heap + jvmDirect + nettyNoCleaner}: the figure the tests
 * bound;</li>
 * <li>{@code rss}: the resident set size from {@code /proc/self/status}, 0
 * elsewhere.</li>
 * </ul>
 * All in bytes.
 */
@Component
class MemoryProbe {

	/**
	 * Collects garbage and writes the line.
	 * @param id the request's id
	 */
	void report(String id) {
		System.gc();
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		long jvmDirect = jvmDirect();
		long noCleaner = Math.max(0, PlatformDependent.usedDirectMemory());
		if (!PlatformDependent.useDirectBufferNoCleaner()) {
			// Then Netty's counter is not kept apart from the JVM's: counting both counts
			// twice.
			noCleaner = 0;
		}
		Report.line("MEMORY", "id", id, "heap", heap, "jvmDirect", jvmDirect, "nettyNoCleaner", noCleaner,
				"nettyAllocator", nettyAllocator(), "counted", heap + jvmDirect + noCleaner, "rss", rss());
	}

	private static long jvmDirect() {
		for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
			if (pool.getName().equals("direct")) {
				return pool.getMemoryUsed();
			}
		}
		return 0;
	}

	private static long nettyAllocator() {
		return (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider)
				? provider.metric().usedDirectMemory() : -1;
	}

	static long rss() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not Linux
		}
		return 0;
	}

}
