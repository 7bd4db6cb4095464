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
 * decimal, topic RUN) to node TARGET, RATE a second (0: as fast as possible)</li>
 * <li>{@code stats ID}: one {@code FAULT-RECV} line per sender and run, the
 * {@code tcpnet.*} meters, then {@code FAULT-END id=ID}</li>
 * <li>{@code peers ID}: the connected peers</li>
 * <li>{@code cancel}: stop every send run still going</li>
 * <li>{@code exit}: stop the application</li>
 * </ul>
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
