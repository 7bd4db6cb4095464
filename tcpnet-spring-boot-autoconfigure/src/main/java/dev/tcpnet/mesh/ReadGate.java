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

package dev.tcpnet.mesh;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.transport.Connection;

/**
 * Keeps what peers sent and the application has not consumed yet bounded: stops reading
 * from a peer whose read leaves too many events or too many bytes waiting for the
 * application's listeners and request handlers, and resumes every paused peer once they
 * are down to a low mark (a quarter of the events, half of the bytes). TCP flow control
 * slows the senders meanwhile; nothing is dropped.
 */
final class ReadGate {

	private static final Logger logger = LoggerFactory.getLogger(ReadGate.class);

	private final IntSupplier pendingEvents;

	private final LongSupplier pendingBytes;

	private final IntSupplier waitingRequests;

	private final int maxEvents;

	private final long maxBytes;

	private final int maxRequests;

	/**
	 * Pausing and resuming take this set's lock, else a resume could slip between check
	 * and pause.
	 */
	private final Set<Connection> paused = new HashSet<>();

	private volatile boolean anyPaused;

	ReadGate(IntSupplier pendingEvents, LongSupplier pendingBytes, IntSupplier waitingRequests, int maxEvents,
			long maxBytes, int maxRequests) {
		this.pendingEvents = pendingEvents;
		this.pendingBytes = pendingBytes;
		this.waitingRequests = waitingRequests;
		this.maxEvents = maxEvents;
		this.maxBytes = maxBytes;
		this.maxRequests = maxRequests;
	}

	/**
	 * After a read from a connection, or a request within one, handed something to the
	 * application. A pause takes effect before the connection's next read.
	 */
	void afterRead(Connection connection) {
		if (!isOver()) {
			return;
		}
		synchronized (this.paused) {
			// Raised before the check again: the application may catch up meanwhile,
			// and then its consumed() sees the flag and resumes what is paused here.
			this.anyPaused = true;
			if (isOver() && this.paused.add(connection)) {
				logger.debug("The application lags ({} events, {} bytes waiting): pausing reads from {}",
						this.pendingEvents.getAsInt(), this.pendingBytes.getAsLong(), connection);
				connection.pauseReading(true);
			}
			this.anyPaused = !this.paused.isEmpty();
		}
	}

	/**
	 * After the application consumed something: resumes every peer once it is down to the
	 * low mark.
	 */
	void consumed() {
		if (!this.anyPaused || this.pendingEvents.getAsInt() > this.maxEvents / 4
				|| this.pendingBytes.getAsLong() > this.maxBytes / 2
				|| this.waitingRequests.getAsInt() > this.maxRequests / 4) {
			return;
		}
		synchronized (this.paused) {
			for (Connection connection : this.paused) {
				connection.pauseReading(false);
			}
			this.paused.clear();
			this.anyPaused = false;
		}
	}

	/** A closed connection is neither paused nor resumed any more. */
	void forget(Connection connection) {
		synchronized (this.paused) {
			this.paused.remove(connection);
			this.anyPaused = !this.paused.isEmpty();
		}
	}

	/** Whether reading from a connection is paused. */
	boolean isPaused(Connection connection) {
		synchronized (this.paused) {
			return this.paused.contains(connection);
		}
	}

	/** How many connections are paused. */
	int pausedCount() {
		synchronized (this.paused) {
			return this.paused.size();
		}
	}

	private boolean isOver() {
		return this.pendingEvents.getAsInt() >= this.maxEvents || this.pendingBytes.getAsLong() >= this.maxBytes
				|| this.waitingRequests.getAsInt() >= this.maxRequests;
	}

}
