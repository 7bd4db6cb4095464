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

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the driver does by itself, without commands.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("fault")
public class DriverProperties {

	/**
	 * How often to write the receive summary by itself; not at all when not set.
	 */
	private @Nullable Duration summaryInterval;

	/**
	 * How long a send run waits, after its last send, for its futures before reporting
	 * the ones still pending.
	 */
	private Duration settleTimeout = Duration.ofMinutes(2);

	/**
	 * A progress line after every this many sends, and every second while settling.
	 */
	private int progressEvery = 500;

	/**
	 * Whether to exit when standard input closes: a test that starts the driver closes it
	 * by going away, even when it is killed.
	 */
	private boolean exitOnStdinEof;

	/**
	 * Whether to read commands from standard input.
	 */
	private boolean stdinCommands = true;

	/**
	 * Longest the driver runs before it exits by itself; no limit when not set.
	 */
	private @Nullable Duration maxLifetime;

	/**
	 * How often to write a {@code FAULT-MEMORY} line by itself (after a full GC, see
	 * {@link MemoryProbe}); not at all when not set.
	 */
	private @Nullable Duration memoryInterval;

	/**
	 * The most {@code FAULT-EVENT type=DROPPED} lines to write; further drops are counted
	 * ({@code tcpnet.messages.dropped}) but not written, so that a tight loop of refused
	 * sends does not flood the output.
	 */
	private int droppedLinesMax = Integer.MAX_VALUE;

	private final Send send = new Send();

	private final Slow slowListener = new Slow();

	private final Load load = new Load();

	public @Nullable Duration getSummaryInterval() {
		return this.summaryInterval;
	}

	public void setSummaryInterval(@Nullable Duration summaryInterval) {
		this.summaryInterval = summaryInterval;
	}

	public Duration getSettleTimeout() {
		return this.settleTimeout;
	}

	public void setSettleTimeout(Duration settleTimeout) {
		this.settleTimeout = settleTimeout;
	}

	public int getProgressEvery() {
		return this.progressEvery;
	}

	public void setProgressEvery(int progressEvery) {
		this.progressEvery = progressEvery;
	}

	public boolean isExitOnStdinEof() {
		return this.exitOnStdinEof;
	}

	public void setExitOnStdinEof(boolean exitOnStdinEof) {
		this.exitOnStdinEof = exitOnStdinEof;
	}

	public boolean isStdinCommands() {
		return this.stdinCommands;
	}

	public void setStdinCommands(boolean stdinCommands) {
		this.stdinCommands = stdinCommands;
	}

	public @Nullable Duration getMaxLifetime() {
		return this.maxLifetime;
	}

	public void setMaxLifetime(@Nullable Duration maxLifetime) {
		this.maxLifetime = maxLifetime;
	}

	public @Nullable Duration getMemoryInterval() {
		return this.memoryInterval;
	}

	public void setMemoryInterval(@Nullable Duration memoryInterval) {
		this.memoryInterval = memoryInterval;
	}

	public int getDroppedLinesMax() {
		return this.droppedLinesMax;
	}

	public void setDroppedLinesMax(int droppedLinesMax) {
		this.droppedLinesMax = droppedLinesMax;
	}

	public Send getSend() {
		return this.send;
	}

	public Slow getSlowListener() {
		return this.slowListener;
	}

	public Load getLoad() {
		return this.load;
	}

	/**
	 * The slow {@link dev.tcpnet.fault.SlowListener} on topic {@code slow}.
	 */
	public static class Slow {

		/**
		 * Time the listener takes per message; no such listener when not set.
		 */
		private @Nullable Duration delay;

		public @Nullable Duration getDelay() {
			return this.delay;
		}

		public void setDelay(@Nullable Duration delay) {
			this.delay = delay;
		}

	}

	/**
	 * The steady mixed load of the soak ({@link LoadRun}): to every connected peer,
	 * numbered messages, and every so often a request and a broadcast.
	 */
	public static class Load {

		/**
		 * Rounds a second; in each, one message to every connected peer. 0 for no load.
		 */
		private double rate;

		/**
		 * A request to the {@code echo} handler of every connected peer every this many
		 * rounds.
		 */
		private int requestEvery = 10;

		/**
		 * A broadcast every this many rounds.
		 */
		private int broadcastEvery = 50;

		/**
		 * Bytes of each request's payload.
		 */
		private int requestSize = 1024;

		/**
		 * How long a request waits for its reply.
		 */
		private Duration requestTimeout = Duration.ofSeconds(10);

		public double getRate() {
			return this.rate;
		}

		public void setRate(double rate) {
			this.rate = rate;
		}

		public int getRequestEvery() {
			return this.requestEvery;
		}

		public void setRequestEvery(int requestEvery) {
			this.requestEvery = requestEvery;
		}

		public int getBroadcastEvery() {
			return this.broadcastEvery;
		}

		public void setBroadcastEvery(int broadcastEvery) {
			this.broadcastEvery = broadcastEvery;
		}

		public int getRequestSize() {
			return this.requestSize;
		}

		public void setRequestSize(int requestSize) {
			this.requestSize = requestSize;
		}

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

	}

	/**
	 * The SENDER role: one run that starts when the target first connects.
	 */
	public static class Send {

		/**
		 * Node id to send to; no run starts by itself when not set.
		 */
		private @Nullable String target;

		/**
		 * Number of messages.
		 */
		private int count = 10_000;

		/**
		 * Messages a second; 0 for as fast as possible.
		 */
		private double rate = 1000;

		/**
		 * Name of the run, used as the topic.
		 */
		private String run = "auto";

		public @Nullable String getTarget() {
			return this.target;
		}

		public void setTarget(@Nullable String target) {
			this.target = target;
		}

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			this.count = count;
		}

		public double getRate() {
			return this.rate;
		}

		public void setRate(double rate) {
			this.rate = rate;
		}

		public String getRun() {
			return this.run;
		}

		public void setRun(String run) {
			this.run = run;
		}

	}

}
