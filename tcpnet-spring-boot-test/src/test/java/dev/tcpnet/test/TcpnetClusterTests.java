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

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TcpnetClusterTests {

	@Test
	void nodesThatNeverMeetFailTheStartNamingWhatEachSeesAndAreClosed() {
		// No discovery at all: the two nodes cannot find each other.
		TcpnetCluster.Builder builder = TcpnetCluster.builder(OrdersApplication.class)
			.nodes(2)
			.properties("tcpnet.discovery.mdns.enabled=false")
			.formationTimeout(Duration.ofMillis(500));
		assertThatIllegalStateException().isThrownBy(builder::start)
			.withMessageContaining("The 2 nodes did not all connect within PT0.5S")
			.withMessageContaining("node-1 (port ")
			.withMessageContaining("node-2 (port ");
	}

	@Test
	void closingTheClusterClosesEveryContext() {
		TcpnetCluster cluster = TcpnetCluster.builder(OrdersApplication.class).nodes(1).start();
		ConfigurableApplicationContext context = cluster.node(1).context();
		assertThat(context.isActive()).isTrue();
		cluster.close();
		assertThat(context.isActive()).isFalse();
	}

	@Test
	void nodeNumbersStartAtOne() {
		try (TcpnetCluster cluster = TcpnetCluster.builder(OrdersApplication.class).nodes(1).start()) {
			assertThatIllegalArgumentException().isThrownBy(() -> cluster.node(0));
			assertThatIllegalArgumentException().isThrownBy(() -> cluster.node(2));
		}
	}

	@Test
	void propertiesMustBeKeyValue() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TcpnetCluster.builder(OrdersApplication.class).properties("no-value"));
	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_METHOD)
	class OnAnInstanceField {

		private static final Set<String> clusters = new HashSet<>();

		@RegisterExtension
		final TcpnetClusterExtension cluster = TcpnetClusterExtension.of(OrdersApplication.class).nodes(1);

		@Test
		void eachTestHasAClusterOfItsOwn() {
			clusters.add(this.cluster.cluster().name());
		}

		@Test
		void soDoesThisOne() {
			clusters.add(this.cluster.cluster().name());
		}

		@AfterAll
		static void twoClustersRan() {
			assertThat(clusters).hasSize(2);
		}

	}

}
