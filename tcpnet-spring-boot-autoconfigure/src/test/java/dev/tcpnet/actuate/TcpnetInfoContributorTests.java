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

package dev.tcpnet.actuate;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.autoconfigure.actuate.TcpnetInfoContributorAutoConfiguration;
import dev.tcpnet.registry.PeerRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * tcpnet's contribution to {@code /actuator/info}, and its conditions.
 */
class TcpnetInfoContributorTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TcpnetAutoConfiguration.class, TcpnetInfoContributorAutoConfiguration.class))
		.withPropertyValues("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false",
				"tcpnet.cluster=info", "tcpnet.node-id=node-1");

	@Test
	void contributesNodeIdClusterAndPeerCount() {
		this.runner.run((context) -> {
			Info.Builder builder = new Info.Builder();
			context.getBean(TcpnetInfoContributor.class).contribute(builder);
			assertThat(builder.build().getDetails()).containsEntry("tcpnet",
					Map.of("nodeId", "node-1", "cluster", "info", "peers", 0));
		});
	}

	@Test
	void beforeTheNodeStartedOnlyThePeerCount() {
		Tcpnet tcpnet = mock(Tcpnet.class);
		given(tcpnet.localNode()).willThrow(new IllegalStateException("tcpnet has not started"));
		Info.Builder builder = new Info.Builder();
		new TcpnetInfoContributor(tcpnet, mock(PeerRegistry.class)).contribute(builder);
		assertThat(builder.build().getDetails()).containsEntry("tcpnet", Map.of("peers", 0));
	}

	@Test
	void switchedOffLikeBootsOwnContributors() {
		this.runner.withPropertyValues("management.info.tcpnet.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TcpnetInfoContributor.class));
		this.runner.withPropertyValues("management.info.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TcpnetInfoContributor.class));
	}

	@Test
	void backsOffWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(ConditionalOnEnabledInfoContributor.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TcpnetInfoContributor.class));
	}

	@Test
	void backsOffForAContributorOfTheApplication() {
		TcpnetInfoContributor own = new TcpnetInfoContributor(mock(Tcpnet.class), mock(PeerRegistry.class));
		this.runner.withBean("ownContributor", TcpnetInfoContributor.class, () -> own)
			.run((context) -> assertThat(context).getBean(TcpnetInfoContributor.class).isSameAs(own));
	}

}
