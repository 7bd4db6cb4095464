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

package dev.tcpnet.test;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cluster names for tests: each unique to this test run (this JVM), so that no two test
 * runs on one machine mesh, and, unless shared on purpose, each unique to one context.
 */
final class TestClusterNames {

	/** An id of this test run, the same for every name made in this JVM. */
	static final String RUN_ID = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

	private static final AtomicInteger sequence = new AtomicInteger();

	private TestClusterNames() {
	}

	/** A cluster of its own: no other context or node of any test run is in it. */
	static String unique() {
		return "tcpnet-test-" + RUN_ID + "-" + sequence.incrementAndGet();
	}

	/** The cluster every context and node of this test run that names it shares. */
	static String shared(String name) {
		if (name.isBlank()) {
			throw new IllegalArgumentException("The name of a shared cluster must not be blank");
		}
		return name + "-" + RUN_ID;
	}

}
