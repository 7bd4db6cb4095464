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

package dev.tcpnet.benchmarks.role;

import java.util.function.LongSupplier;

/**
 * When a sending loop ends, read from the clock once every {@value #MESSAGES_PER_READ}
 * messages, as the plain socket's loop has done since the suite began (it writes 64
 * messages between two reads). On the benchmark's VM a clock read takes 24 ns, about a
 * tenth of the CPU a streamed 64 B message costs tcpnet's two processes; read for every
 * message, it was counted as tcpnet's and JGroups' cost and hardly as the socket's.
 */
final class SendingDeadline {

	static final int MESSAGES_PER_READ = 64;

	private final LongSupplier clock;

	private final long deadline;

	private int untilRead;

	SendingDeadline(double seconds) {
		this(seconds, System::nanoTime);
	}

	SendingDeadline(double seconds, LongSupplier clock) {
		this.clock = clock;
		this.deadline = clock.getAsLong() + (long) (seconds * 1e9);
	}

	/**
	 * Whether the loop is to stop: the clock is read at the first call and at every
	 * {@value #MESSAGES_PER_READ}th after it.
	 * @return whether the time is up
	 */
	boolean passed() {
		if (--this.untilRead > 0) {
			return false;
		}
		this.untilRead = MESSAGES_PER_READ;
		return this.clock.getAsLong() - this.deadline >= 0;
	}

}
