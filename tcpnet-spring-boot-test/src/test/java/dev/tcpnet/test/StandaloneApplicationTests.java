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

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import dev.tcpnet.NoSuchPeerException;
import dev.tcpnet.Tcpnet;
import dev.tcpnet.peer.NodeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest(properties = "tcpnet.enabled=false")
class StandaloneApplicationTests {

	@Autowired
	private OrdersApplication.Orders orders;

	@Autowired
	private Tcpnet tcpnet;

	@Autowired
	private Environment environment;

	@Test
	void theApplicationStartsUnchangedAndItsNodeIsAlone() {
		assertThat(this.orders.announce("order-1")).isZero();
		assertThat(this.tcpnet.peers()).isEmpty();
		assertThatExceptionOfType(NoSuchPeerException.class)
			.isThrownBy(() -> this.tcpnet.send(NodeId.random(), "orders", "order-2"));
	}

	@Test
	void noPortIsBound() {
		assertThat(this.tcpnet.localNode().port()).isZero();
		assertThat(this.environment.containsProperty("local.tcpnet.port")).isFalse();
	}

}
