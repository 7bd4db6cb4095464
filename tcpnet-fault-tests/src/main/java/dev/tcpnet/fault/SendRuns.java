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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.tcpnet.Tcpnet;

/**
 * Starts SENDER runs: the one {@code fault.send.*} describes when its target first
 * connects, and those the commands ask for ({@link SendRun}s and {@link FloodRun}s). Each
 * run has a thread of its own.
 */
@Component
class SendRuns implements DisposableBean {

	private final Tcpnet tcpnet;

	private final DriverProperties properties;

	private final AtomicBoolean configuredRunStarted = new AtomicBoolean();

	private final Set<SendRun> runs = ConcurrentHashMap.newKeySet();

	private final Set<FloodRun> floods = ConcurrentHashMap.newKeySet();

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "fault-send");
		thread.setDaemon(true);
		return thread;
	});

	SendRuns(Tcpnet tcpnet, DriverProperties properties) {
		this.tcpnet = tcpnet;
		this.properties = properties;
	}

	void start(String run, String target, int count, double rate) {
		SendRun sendRun = new SendRun(this.tcpnet, run, target, count, rate, this.properties.getProgressEvery(),
				this.properties.getSettleTimeout());
		this.runs.add(sendRun);
		this.executor.execute(() -> {
			try {
				sendRun.run();
			}
			finally {
				this.runs.remove(sendRun);
			}
		});
	}

	/**
	 * Starts a tight loop of sends ({@link FloodRun}).
	 */
	void flood(String run, String target, Duration duration, int size) {
		FloodRun flood = new FloodRun(this.tcpnet, run, target, duration, size);
		this.floods.add(flood);
		this.executor.execute(() -> {
			try {
				flood.run();
			}
			finally {
				this.floods.remove(flood);
			}
		});
	}

	/**
	 * Cancels every run still sending or settling.
	 * @return how many were cancelled
	 */
	int cancelAll() {
		List<SendRun> cancelled = List.copyOf(this.runs);
		cancelled.forEach(SendRun::cancel);
		List<FloodRun> floods = List.copyOf(this.floods);
		floods.forEach(FloodRun::cancel);
		return cancelled.size() + floods.size();
	}

	void peerConnected(String nodeId) {
		DriverProperties.Send send = this.properties.getSend();
		if (nodeId.equals(send.getTarget()) && this.configuredRunStarted.compareAndSet(false, true)) {
			start(send.getRun(), nodeId, send.getCount(), send.getRate());
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
