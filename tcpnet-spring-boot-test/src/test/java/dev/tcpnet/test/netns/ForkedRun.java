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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tcpnet.test.OrdersApplication;

/**
 * The main class of the JVMs {@link OffTheNetworkIT} starts inside its namespace:
 * {@code test} runs {@link PinnedApplicationCheck} with the JUnit Platform, as a build
 * would; {@code application} runs the application itself, with its defaults, as in
 * production (the control: that one does announce itself).
 */
public final class ForkedRun {

	static final String SUCCEEDED = "FORKED TESTS SUCCEEDED";

	private ForkedRun() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length == 1 && args[0].equals("application")) {
			runApplication();
		}
		else {
			runTest();
		}
	}

	private static void runApplication() throws IOException {
		ConfigurableApplicationContext context = SpringApplication.run(OrdersApplication.class);
		System.out.println(PinnedApplicationCheck.READY);
		System.out.flush();
		new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
		context.close();
		System.exit(0);
	}

	private static void runTest() {
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(DiscoverySelectors.selectClass(PinnedApplicationCheck.class))
			.build();
		SummaryGeneratingListener listener = new SummaryGeneratingListener();
		LauncherFactory.create().execute(request, listener);
		TestExecutionSummary summary = listener.getSummary();
		PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
		summary.printTo(out);
		summary.printFailuresTo(out, 20);
		boolean succeeded = summary.getTestsSucceededCount() == 1 && summary.getTotalFailureCount() == 0;
		if (succeeded) {
			out.println(SUCCEEDED);
		}
		out.flush();
		System.exit(succeeded ? 0 : 1);
	}

}
