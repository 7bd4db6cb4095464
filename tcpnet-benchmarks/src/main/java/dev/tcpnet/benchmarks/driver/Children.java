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
