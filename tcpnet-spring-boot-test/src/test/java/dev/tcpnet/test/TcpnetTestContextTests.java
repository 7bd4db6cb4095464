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

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.discovery.fixed.StaticPeerDiscovery;
import dev.tcpnet.discovery.mdns.MdnsPeerDiscovery;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class TcpnetTestContextTests {

	@Autowired
	private Tcpnet tcpnet;

	@Autowired
	private ConfigurableEnvironment environment;

	@Autowired
	private PeerDiscovery[] discoveries;

	@LocalTcpnetPort
	private int port;

	@Test
	void theNodeListensOnLoopbackOnly() {
		assertThat(this.tcpnet.localNode().addresses()).containsExactly(InetAddress.getLoopbackAddress());
		assertThat(this.environment.getProperty("tcpnet.server.address")).isEqualTo("127.0.0.1");
	}

	@Test
	void mdnsRunsOnLoopbackOnlyAndTheApplicationsSeedsAreDropped() {
		assertThat(this.discoveries).hasExactlyElementsOfTypes(MdnsPeerDiscovery.class)
			.doesNotHaveAnyElementsOfTypes(StaticPeerDiscovery.class);
		assertThat(this.environment.getProperty("tcpnet.discovery.mdns.interfaces")).isEqualTo("127.0.0.1");
		assertThat(this.discoveries[0].details()).containsEntry("interfaces", List.of("127.0.0.1"));
	}

	@Test
	void theNodeIsInAClusterOfItsOwnOverTheApplicationsOwn() {
		assertThat(this.tcpnet.localNode().cluster()).matches("tcpnet-test-\\p{XDigit}{8}-\\d+")
			.isNotEqualTo("orders-from-the-application-file");
	}

	@Test
	void thePinningComesBeforeFilesEnvironmentVariablesAndSystemProperties() {
		List<String> names = this.environment.getPropertySources().stream().map(PropertySource::getName).toList();
		assertThat(names).contains(TcpnetTestContextCustomizer.PROPERTY_SOURCE_NAME, "systemProperties",
				"systemEnvironment");
		assertThat(names.indexOf(TcpnetTestContextCustomizer.PROPERTY_SOURCE_NAME))
			.isLessThan(names.indexOf("systemProperties"))
			.isLessThan(names.indexOf("systemEnvironment"));
	}

	@Test
	void theBoundPortIsLocalTcpnetPort() {
		assertThat(this.port).isPositive().isEqualTo(this.tcpnet.localNode().port());
	}

}
