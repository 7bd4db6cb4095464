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

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter for redialing a lost peer: attempt n waits
 * {@code min(maxDelay, initialDelay * multiplier^(n-1))}, spread by ±{@code jitter} so
 * that the nodes of a cluster do not all redial at once.
 *
 * @param initialDelay the delay before the first attempt
 * @param maxDelay the longest delay
 * @param multiplier how much each delay grows
 * @param jitter the spread, as a fraction of the delay (0.2 = ±20%)
 */
public record Backoff(Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {

	/**
	 * Returns the delay before an attempt.
	 * @param attempt the attempt, from 1
	 * @param random the source of jitter
	 * @return the delay
	 */
	public Duration delay(int attempt, RandomGenerator random) {
		double base = Math.min(this.maxDelay.toNanos(),
				this.initialDelay.toNanos() * Math.pow(this.multiplier, Math.max(0, attempt - 1)));
		double spread = 1 + this.jitter * (2 * random.nextDouble() - 1);
		return Duration.ofNanos((long) Math.max(0, base * spread));
	}

}
