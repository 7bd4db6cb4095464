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

package dev.tcpnet.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pins the defaults that the README and the issue promise.
 */
class TcpnetPropertiesTests {

	private final TcpnetProperties properties = new TcpnetProperties();

	@Test
	void defaults() {
		assertThat(this.properties.isEnabled()).isTrue();
		assertThat(this.properties.getCluster()).isNull();
		assertThat(this.properties.getNodeId()).isNull();
		assertThat(this.properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.properties.getHandshakeTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(this.properties.getMaxFrameSize()).isEqualTo(DataSize.ofMegabytes(8));
		assertThat(this.properties.getServer().getAddress()).isEqualTo("0.0.0.0");
		assertThat(this.properties.getServer().getPort()).isZero();
		assertThat(this.properties.getServer().isNativeTransport()).isTrue();
		assertThat(this.properties.getServer().isWarmUp()).isTrue();
		assertThat(this.properties.getDiscovery().getMdns().isEnabled()).isTrue();
		assertThat(this.properties.getDiscovery().getMdns().getInterfaces()).isEmpty();
		assertThat(this.properties.getDiscovery().getMdns().getServiceType()).isEqualTo("_tcpnet._tcp.local.");
		assertThat(this.properties.getDiscovery().getStaticDiscovery().getPeers()).isEmpty();
		assertThat(this.properties.getDiscovery().getStaticDiscovery().getRefreshInterval())
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(this.properties.getHeartbeat().getInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.properties.getHeartbeat().getTimeout()).isEqualTo(Duration.ofSeconds(3));
		// Not set: the heartbeat timeout applies (see the auto-configuration's tests).
		assertThat(this.properties.getHeartbeat().getWriteTimeout()).isNull();
		// As the request threads and queue were before they could be configured.
		assertThat(this.properties.getRequests().getPool().getSize()).isEqualTo(4);
		assertThat(this.properties.getRequests().getQueueCapacity()).isEqualTo(10_000);
		assertThat(this.properties.getObservations().isEnabled()).isTrue();
		assertThat(this.properties.getObservations().isIncludeTopic()).isFalse();
	}

	@Test
	void aWriteTimeoutThatIsNotPositiveFailsNamingTheProperty() {
		this.properties.getHeartbeat().setWriteTimeout(Duration.ZERO);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(this.properties::afterPropertiesSet)
			.withMessageContaining("tcpnet.heartbeat.write-timeout");
	}

	@Test
	void clusterEventsAreEnabledByDefault() {
		assertThat(this.properties.getEvents().isEnabled()).isTrue();
	}

	@Test
	void metadataIsEmptyByDefault() {
		assertThat(this.properties.getMetadata()).isEmpty();
	}

	@Test
	void metadataOverTheBoundFailsNamingTheProperty() {
		// 1792 bytes in all: four entries of about 500 bytes are too many
		for (int i = 0; i < 4; i++) {
			this.properties.getMetadata().put("key-" + i, "v".repeat(500));
		}
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(this.properties::afterPropertiesSet)
			.withMessageContaining("Property tcpnet.metadata with value")
			.withMessageContaining("the most is 1792");
	}

	@Test
	void metadataJustUnderTheBoundIsValid() {
		// 2 (count) + 4 + 4 + 1700 + the room kept for http-port (4 + 9 + 5)
		this.properties.getMetadata().put("zone", "z".repeat(1700));
		this.properties.afterPropertiesSet();
	}

	@Test
	void metadataKeyLongerThan64BytesFailsNamingTheProperty() {
		this.properties.getMetadata().put("k".repeat(65), "v");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(this.properties::afterPropertiesSet)
			.withMessageContaining("tcpnet.metadata." + "k".repeat(65));
	}

	@Test
	void metadataKeysOfTcpnetItselfFailNamingTheProperty() {
		this.properties.getMetadata().put("tcpnet.host", "a");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(this.properties::afterPropertiesSet)
			.withMessageContaining("tcpnet.metadata.tcpnet.host");
		this.properties.getMetadata().clear();
		this.properties.getMetadata().put("id", "a");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(this.properties::afterPropertiesSet)
			.withMessageContaining("tcpnet.metadata.id");
	}

	@Test
	void defaultsAreValid() {
		this.properties.afterPropertiesSet();
	}

}
