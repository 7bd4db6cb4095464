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
import java.util.Objects;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.tcpnet.TopicListener;
import dev.tcpnet.peer.Peer;

/**
 * A listener that takes its time: {@code fault.slow-listener.delay} per message on topic
 * {@value #TOPIC} (present only when that property is set). The payload starts with its
 * sequence number in decimal, ended by a space or the payload's end, so that large
 * payloads are counted like the numbered messages of the other runs (run {@value #TOPIC}
 * of the sender).
 */
@Component
@ConditionalOnProperty("fault.slow-listener.delay")
class SlowListener implements TopicListener {

	static final String TOPIC = "slow";

	private final ReceiverStats stats;

	private final Duration delay;

	SlowListener(ReceiverStats stats, DriverProperties properties) {
		this.stats = stats;
		this.delay = Objects.requireNonNull(properties.getSlowListener().getDelay());
	}

	@Override
	public String topic() {
		return TOPIC;
	}

	@Override
	public void onMessage(Peer from, byte[] payload) throws InterruptedException {
		this.stats.record(from.nodeId().toString(), TOPIC, leadingNumber(payload), System.currentTimeMillis());
		Thread.sleep(this.delay.toMillis());
	}

	/**
	 * The decimal number the payload starts with, up to a space; -1 when there is none.
	 */
	static long leadingNumber(byte[] payload) {
		long seq = 0;
		int digits = 0;
		for (byte b : payload) {
			if (b == ' ') {
				break;
			}
			if (b < '0' || b > '9' || ++digits > 18) {
				return -1;
			}
			seq = seq * 10 + (b - '0');
		}
		return (digits > 0) ? seq : -1;
	}

}
