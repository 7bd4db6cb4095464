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

package dev.tcpnet.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.event.PeerMessageEvent;

/**
 * The application under test: an ordinary application with beans that inject
 * {@link Tcpnet}.
 */
@SpringBootApplication
public class OrdersApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrdersApplication.class, args);
	}

	/** A bean of the application that needs the {@link Tcpnet} bean to start. */
	@Component
	static class Orders {

		private final Tcpnet tcpnet;

		Orders(Tcpnet tcpnet) {
			this.tcpnet = tcpnet;
		}

		int announce(String order) {
			return this.tcpnet.broadcast("orders", order).size();
		}

	}

	/** What this node received. */
	@Component
	static class Inbox {

		private final List<String> received = new CopyOnWriteArrayList<>();

		@EventListener
		void onMessage(PeerMessageEvent event) {
			this.received.add(event.getTopic() + ":" + event.getPayloadAsString());
		}

		List<String> received() {
			return this.received;
		}

	}

}
