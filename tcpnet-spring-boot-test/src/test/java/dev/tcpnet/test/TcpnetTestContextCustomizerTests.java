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

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class TcpnetTestContextCustomizerTests {

	private final TcpnetTestContextCustomizerFactory factory = new TcpnetTestContextCustomizerFactory();

	@Test
	void customizersOfTestClassesWithoutAnnotationAreEqualSoTheirContextsAreShared() {
		ContextCustomizer one = this.factory.createContextCustomizer(Plain.class, List.of());
		ContextCustomizer other = this.factory.createContextCustomizer(AlsoPlain.class, List.of());
		assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
	}

	@Test
	void customizersOfDifferentSharedClustersDiffer() {
		ContextCustomizer plain = this.factory.createContextCustomizer(Plain.class, List.of());
		ContextCustomizer orders = this.factory.createContextCustomizer(Orders.class, List.of());
		ContextCustomizer billing = this.factory.createContextCustomizer(Billing.class, List.of());
		assertThat(orders).isNotEqualTo(plain).isNotEqualTo(billing);
		assertThat(orders).isEqualTo(this.factory.createContextCustomizer(AlsoOrders.class, List.of()));
	}

	@Test
	void everyContextIsAClusterOfItsOwn() {
		ContextCustomizer customizer = this.factory.createContextCustomizer(Plain.class, List.of());
		assertThat(clusterOf(customizer)).isNotEqualTo(clusterOf(customizer));
	}

	@Test
	void contextsOfASharedClusterShareIt() {
		ContextCustomizer customizer = this.factory.createContextCustomizer(Orders.class, List.of());
		assertThat(clusterOf(customizer)).isEqualTo(clusterOf(customizer))
			.isEqualTo("orders-" + TestClusterNames.RUN_ID);
	}

	@Test
	void theAnnotationOfAnEnclosingClassApplies() {
		assertThat(this.factory.createContextCustomizer(Orders.Inner.class, List.of()))
			.isEqualTo(this.factory.createContextCustomizer(Orders.class, List.of()));
	}

	private static String clusterOf(ContextCustomizer customizer) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			customizer.customizeContext(context, mock(MergedContextConfiguration.class));
			return context.getEnvironment().getRequiredProperty("tcpnet.cluster");
		}
	}

	static class Plain {

	}

	static class AlsoPlain {

	}

	@SharedTcpnetCluster("orders")
	static class Orders {

		@Nested
		class Inner {

		}

	}

	@SharedTcpnetCluster("orders")
	static class AlsoOrders {

	}

	@SharedTcpnetCluster("billing")
	static class Billing {

	}

}
