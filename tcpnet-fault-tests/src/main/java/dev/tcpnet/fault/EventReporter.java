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

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.event.PeerConnectedEvent;
import dev.tcpnet.event.PeerDisconnectedEvent;
import dev.tcpnet.event.PeerGaveUpEvent;
import dev.tcpnet.event.PeerMessageEvent;
import dev.tcpnet.event.PeerReconnectingEvent;
import dev.tcpnet.event.TcpnetStartedEvent;

/**
 * Reports every tcpnet event as a {@code FAULT-EVENT} line (the time is when the listener
 * ran, on the {@code tcpnet-events} thread), and counts received messages.
 */
@Component
class EventReporter {

	private final ReceiverStats stats;

	private final SendRuns sendRuns;

	private final int droppedLinesMax;

	private final AtomicLong droppedLines = new AtomicLong();

	EventReporter(ReceiverStats stats, SendRuns sendRuns, DriverProperties properties) {
		this.stats = stats;
		this.sendRuns = sendRuns;
		this.droppedLinesMax = properties.getDroppedLinesMax();
	}

	@EventListener
	void started(TcpnetStartedEvent event) {
		Report.line("EVENT", "type", "STARTED", "node", event.getLocalNode().nodeId(), "port", event.getPort());
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		Report.line("READY", "pid", ProcessHandle.current().pid());
	}

	@EventListener
	void connected(PeerConnectedEvent event) {
		Report.line("EVENT", "type", "CONNECTED", "peer", event.getPeer().nodeId(), "reconnect", event.isReconnect(),
				"direction", event.getPeer().direction(), "remote", event.getPeer().remoteAddress(), "transport",
				event.getPeer().transport());
		this.sendRuns.peerConnected(event.getPeer().nodeId().toString());
	}

	@EventListener
	void disconnected(PeerDisconnectedEvent event) {
		Report.line("EVENT", "type", "DISCONNECTED", "peer", event.getPeer().nodeId(), "reason", event.getReason());
	}

	@EventListener
	void reconnecting(PeerReconnectingEvent event) {
		Report.line("EVENT", "type", "RECONNECTING", "peer", event.getPeer().nodeId(), "attempt", event.getAttempt(),
				"delayMs", event.getDelay().toMillis());
	}

	@EventListener
	void gaveUp(PeerGaveUpEvent event) {
		Report.line("EVENT", "type", "GAVE_UP", "peer", event.getPeer().nodeId());
	}

	@EventListener
	void dropped(MessageDroppedEvent event) {
		long line = this.droppedLines.incrementAndGet();
		if (line <= this.droppedLinesMax) {
			Report.line("EVENT", "type", "DROPPED", "peer", event.getNodeId(), "topic", event.getTopic(), "reason",
					event.getReason(), "count", event.getCount());
		}
		else if (line == this.droppedLinesMax + 1L) {
			Report.line("EVENT", "type", "DROPPED_LINES_SUPPRESSED", "after", this.droppedLinesMax);
		}
	}

	@EventListener
	void message(PeerMessageEvent event) {
		this.stats.record(event.getPeer().nodeId().toString(), event.getTopic(), event.getPayload(),
				System.currentTimeMillis());
	}

}
