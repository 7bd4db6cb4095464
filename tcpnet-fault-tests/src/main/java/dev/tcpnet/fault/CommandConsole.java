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
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.peer.Peer;

/**
 * Reads commands from standard input (see {@link FaultDriverApplication}) and writes the
 * periodic summary when {@code fault.summary-interval} is set.
 */
@Component
class CommandConsole implements ApplicationRunner, DisposableBean {

	private final Tcpnet tcpnet;

	private final ReceiverStats stats;

	private final SendRuns sendRuns;

	private final ObjectProvider<MeterRegistry> meterRegistry;

	private final MemoryProbe memory;

	private final DriverProperties properties;

	private final ConfigurableApplicationContext context;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "fault-summary");
		thread.setDaemon(true);
		return thread;
	});

	CommandConsole(Tcpnet tcpnet, ReceiverStats stats, SendRuns sendRuns, ObjectProvider<MeterRegistry> meterRegistry,
			MemoryProbe memory, DriverProperties properties, ConfigurableApplicationContext context) {
		this.tcpnet = tcpnet;
		this.stats = stats;
		this.sendRuns = sendRuns;
		this.meterRegistry = meterRegistry;
		this.memory = memory;
		this.properties = properties;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		Duration interval = this.properties.getSummaryInterval();
		if (interval != null && !interval.isZero()) {
			this.timer.scheduleAtFixedRate(() -> stats("periodic"), interval.toMillis(), interval.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		Duration memoryInterval = this.properties.getMemoryInterval();
		if (memoryInterval != null && !memoryInterval.isZero()) {
			this.timer.scheduleAtFixedRate(() -> this.memory.report("periodic"), memoryInterval.toMillis(),
					memoryInterval.toMillis(), TimeUnit.MILLISECONDS);
		}
		Duration lifetime = this.properties.getMaxLifetime();
		if (lifetime != null) {
			this.timer.schedule(() -> exit("max-lifetime " + lifetime + " reached"), lifetime.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		if (this.properties.isStdinCommands()) {
			Thread reader = new Thread(this::readCommands, "fault-console");
			reader.setDaemon(true);
			reader.start();
		}
	}

	private void readCommands() {
		try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				if (!line.isBlank()) {
					execute(line.trim().split("\\s+"));
				}
			}
		}
		catch (IOException ex) {
			Report.line("ERROR", "message", "standard input: " + ex.getMessage());
		}
		if (this.properties.isExitOnStdinEof()) {
			exit("standard input closed");
		}
	}

	private void exit(String why) {
		Report.line("EXIT", "reason", why);
		Thread exit = new Thread(() -> System.exit(SpringApplication.exit(this.context)), "fault-exit");
		exit.start();
	}

	void execute(String[] words) {
		try {
			switch (words[0]) {
				case "send" ->
					this.sendRuns.start(words[1], words[2], Integer.parseInt(words[3]), Double.parseDouble(words[4]));
				case "flood" -> this.sendRuns.flood(words[1], words[2], Duration.ofSeconds(Long.parseLong(words[3])),
						Integer.parseInt(words[4]));
				case "memory" -> this.memory.report(words[1]);
				case "stats" -> stats(words[1]);
				case "peers" -> peers(words[1]);
				case "cancel" -> Report.line("CANCEL", "runs", this.sendRuns.cancelAll());
				case "exit" -> exit("exit command");
				default -> Report.line("ERROR", "message", "unknown command " + words[0]);
			}
		}
		catch (RuntimeException ex) {
			Report.line("ERROR", "message", String.join(" ", words) + ": " + ex);
		}
	}

	private void stats(String id) {
		for (Object[] summary : this.stats.summaries()) {
			Object[] line = new Object[summary.length + 2];
			line[0] = "id";
			line[1] = id;
			System.arraycopy(summary, 0, line, 2, summary.length);
			Report.line("RECV", line);
		}
		MeterRegistry registry = this.meterRegistry.getIfAvailable();
		if (registry != null) {
			for (Meter meter : registry.getMeters()) {
				if (meter.getId().getName().startsWith("tcpnet.")) {
					Report.line("METER", "id", id, "name", meter.getId().getName(), "tags", tags(meter), "value",
							value(meter));
				}
			}
		}
		Report.line("END", "id", id);
	}

	private static String tags(Meter meter) {
		return String.join(",",
				meter.getId().getTags().stream().map((Tag tag) -> tag.getKey() + ":" + tag.getValue()).toList());
	}

	private static double value(Meter meter) {
		for (var measurement : meter.measure()) {
			return measurement.getValue();
		}
		return Double.NaN;
	}

	private void peers(String id) {
		String peers = String.join(",",
				this.tcpnet.peers().stream().map(Peer::nodeId).map(Object::toString).sorted().toList());
		Report.line("PEERS", "id", id, "peers", peers);
		Report.line("END", "id", id);
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

}
