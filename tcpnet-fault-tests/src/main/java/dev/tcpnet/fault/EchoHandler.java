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

import org.springframework.stereotype.Component;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.peer.Peer;

/**
 * Answers requests on topic {@value #TOPIC} with their own payload, on tcpnet's request
 * threads (it does not claim to be non-blocking).
 */
@Component
class EchoHandler implements RequestHandler {

	static final String TOPIC = "echo";

	@Override
	public String topic() {
		return TOPIC;
	}

	@Override
	public byte[] handle(Peer from, byte[] payload) {
		return payload;
	}

}
