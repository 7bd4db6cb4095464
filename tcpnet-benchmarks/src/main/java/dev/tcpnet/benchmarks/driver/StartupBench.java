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
import java.util.ArrayList;
import java.util.List;

import dev.tcpnet.benchmarks.driver.Child.Line;

/**
 * The start-up time a Boot application gains by adding the starter: the smallest Boot web
 * application (Spring MVC on Tomcat, the "minimal web app") and the smallest Boot
 * application without a web server, each started with and without the starter's jars on
 * its class path, in turns; from the JVM's start to {@code ApplicationReadyEvent}. The
 * goal reads the web application; the other shows the same cost against a smaller whole.
 */
final class StartupBench extends Bench {

	static final String WITHOUT = "without the starter";

	static final String WEB = "minimal web app (Spring MVC on Tomcat)";

	static final String PLAIN = "minimal Boot app, no web server";

	StartupBench(Options options, Launcher launcher, Namespaces namespaces, Results results) {
		super(options, launcher, namespaces, results);
	}

	/**
	 * The row of the start-up figure the goal reads: the web application's.
	 * @return the row's name
	 */
	static String webFromJvm() {
		return fromJvm(WEB);
	}

	private static String fromJvm(String app) {
		return app + ", JVM start → ready";
	}

	@Override
	void run() {
		this.results.settings.put("startup.jvm", String.join(" ", Launcher.STARTUP_JVM));
		String namespace = this.namespaces.up();
		try {
			for (int run = 1; run <= this.options.runs; run++) {
				for (boolean web : new boolean[] { true, false }) {
					for (String system : order(run, WITHOUT, Results.TCPNET)) {
						start(namespace, run, web, system);
					}
				}
			}
		}
		finally {
			this.namespaces.down(namespace);
		}
	}

	private void start(String namespace, int run, boolean web, String system) {
		boolean withStarter = system.equals(Results.TCPNET);
		String app = web ? WEB : PLAIN;
		List<String> args = new ArrayList<>(Launcher.pinned(namespace));
		args.add("--tcpnet.cluster=" + cluster("bench-startup"));
		args.add("--server.port=0");
		if (namespace == null) {
			args.add("--server.address=127.0.0.1");
		}
		Child child = this.launcher.minimal(
				"startup-" + (web ? "web-" : "") + (withStarter ? "with" : "without") + "-" + run, namespace,
				withStarter, web, args);
		try {
			Line ready = child.await(0, Child.tag("ready"), Duration.ofSeconds(120));
			double fromJvm = ready.millis(0) - ready.millis(1);
			double fromLaunch = ready.millis(0) - child.launchedAtMillis;
			this.results.of("start-up", fromJvm(app), system, "ms", false).add(fromJvm);
			this.results.detail("start-up", app + ", process launch → ready", system, "ms", false).add(fromLaunch);
			log("start-up %-20s %-40s run %d: ready %.0f ms after JVM start (%.0f ms after launch)", system, app, run,
					fromJvm, fromLaunch);
		}
		finally {
			child.close();
		}
	}

}
