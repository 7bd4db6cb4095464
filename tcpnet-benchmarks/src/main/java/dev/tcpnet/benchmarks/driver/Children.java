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

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process the suite started and has not stopped yet, killed on the way out whatever
 * happens (the measured processes also exit by themselves when the suite's end of their
 * stdin closes).
 */
final class Children {

	private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(Children::killAll, "kill-children"));
	}

	private Children() {
	}

	static void track(Process process) {
		LIVE.add(process);
	}

	static void untrack(Process process) {
		LIVE.remove(process);
	}

	static void killAll() {
		for (Process process : LIVE) {
			if (process.isAlive()) {
				CpuAccount.charge(process);
			}
			process.destroyForcibly();
		}
		LIVE.clear();
	}

}
