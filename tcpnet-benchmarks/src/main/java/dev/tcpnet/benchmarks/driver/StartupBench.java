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

import java.time.Duration;
import java.util.List;

import dev.tcpnet.benchmarks.driver.Child.Line;

/**
 * The start-up time a Boot application gains by adding the starter: the smallest Boot
 * application (no web server), started with and without the starter's jars on its class
 * path, in turns; from the JVM's start to {@code ApplicationReadyEvent}.
 */
final class StartupBench extends Bench {

	static final String WITHOUT = "without the starter";

	StartupBench(Options options, Launcher launcher, Namespaces namespaces, Results results) {
		super(options, launcher, namespaces, results);
	}

	@Override
	void run() {
		this.results.settings.put("startup.jvm", String.join(" ", Launcher.STARTUP_JVM));
		String namespace = this.namespaces.up();
		try {
			for (int run = 1; run <= this.options.runs; run++) {
				for (String system : order(run, WITHOUT, Results.TCPNET)) {
					boolean withStarter = system.equals(Results.TCPNET);
					List<String> args = new java.util.ArrayList<>(Launcher.pinned(namespace));
					args.add("--tcpnet.cluster=" + cluster("bench-startup"));
					Child app = this.launcher.minimal("startup-" + (withStarter ? "with" : "without") + "-" + run,
							namespace, withStarter, args);
					try {
						Line ready = app.await(0, Child.tag("ready"), Duration.ofSeconds(120));
						double fromJvm = ready.millis(0) - ready.millis(1);
						double fromLaunch = ready.millis(0) - app.launchedAtMillis;
						this.results.of("start-up", "minimal Boot app, JVM start → ready", system, "ms", false)
							.add(fromJvm);
						this.results.detail("start-up", "minimal Boot app, process launch → ready", system, "ms", false)
							.add(fromLaunch);
						log("start-up %-20s run %d: ready %.0f ms after JVM start (%.0f ms after launch)", system, run,
								fromJvm, fromLaunch);
					}
					finally {
						app.close();
					}
				}
			}
		}
		finally {
			this.namespaces.down(namespace);
		}
	}

}
