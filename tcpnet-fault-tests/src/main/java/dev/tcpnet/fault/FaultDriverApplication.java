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

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.TopicListener;

/**
 * A tcpnet node for fault tests. It receives and counts numbered messages from every
 * peer, sends numbered messages when told to (by {@code fault.send.*} properties or a
 * command on standard input), and writes every peer event and every summary as one
 * {@code FAULT-…} line on standard output (see {@link Report}).
 *
 * <p>
 * Commands, one per line on standard input:
 * <ul>
 * <li>{@code send RUN TARGET COUNT RATE}: send COUNT messages (payload 1..COUNT in
 * decimal, topic RUN) to node TARGET, RATE a second (0: as fast as possible); at the end
 * a {@code FAULT-OUTCOMES} line says what became of each number ({@link SendRun})</li>
 * <li>{@code flood RUN TARGET SECONDS SIZE}: send SIZE-byte messages (topic RUN) to node
 * TARGET in a tight loop for SECONDS, counting how the futures end
 * ({@link FloodRun})</li>
 * <li>{@code memory ID}: a full GC, then one {@code FAULT-MEMORY} line
 * ({@link MemoryProbe})</li>
 * <li>{@code stats ID}: one {@code FAULT-RECV} line per sender and run (with the numbers
 * received as ranges), the {@code tcpnet.*} meters (such as
 * {@code tcpnet.connections.closed}, {@code tcpnet.handshakes.rejected} and
 * {@code tcpnet.messages.dropped} by reason), then {@code FAULT-END id=ID}</li>
 * <li>{@code peers ID}: the connected peers</li>
 * <li>{@code cancel}: stop every send run still going</li>
 * <li>{@code exit}: stop the application</li>
 * </ul>
 *
 * <p>
 * Beans for the hostile tests: a {@link RequestHandler} on topic {@code echo}
 * ({@link EchoHandler}), and when {@code fault.slow-listener.delay} is set a slow
 * {@link TopicListener} on topic {@code slow} ({@link SlowListener}). For the soak,
 * {@code fault.load.*} ({@link LoadRun}) and {@code fault.memory-interval}.
 *
 * @since 0.1.0
 */
@SpringBootApplication
@EnableConfigurationProperties(DriverProperties.class)
public class FaultDriverApplication {

	public static void main(String[] args) {
		SpringApplication.run(FaultDriverApplication.class, args);
	}

}
