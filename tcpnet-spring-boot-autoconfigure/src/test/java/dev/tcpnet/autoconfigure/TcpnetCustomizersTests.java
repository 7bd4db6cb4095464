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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.jmdns.JmDNS;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.discovery.mdns.TcpnetMdnsCustomizer;
import dev.tcpnet.peer.Direction;
import dev.tcpnet.support.TestNode;
import dev.tcpnet.transport.netty.TcpnetTransportCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Customizer beans, applied in order, with real sockets and real JmDNS on 127.0.0.1.
 */
class TcpnetCustomizersTests {

	private static final String SERVICE_TYPE = "_tcpnetcustomized._tcp.local.";

	private static final List<String> calls = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpnetAutoConfiguration.class))
		.withPropertyValues("tcpnet.server.address=127.0.0.1", "tcpnet.discovery.mdns.enabled=false",
				"tcpnet.cluster=test");

	@Test
	void transportCustomizersRunInOrderOnTheBootstrapAndEveryPipeline() {
		calls.clear();
		this.runner.withUserConfiguration(TransportCustomizers.class).run((context) -> {
			assertThat(calls).containsExactly("first server", "second server");
			int port = context.getBean(Tcpnet.class).localNode().port();
			try (TestNode peer = TestNode.start("tcpnet.discovery.mdns.enabled=false",
					"tcpnet.discovery.static.peers=127.0.0.1:" + port)) {
				await().until(() -> peer.tcpnet().peers().size() == 1);
				// The handler placed before the frame decoder saw the connection's bytes.
				assertThat(calls).contains("first pipeline INBOUND", "second pipeline INBOUND", "bytes read");
				assertThat(calls.indexOf("first pipeline INBOUND"))
					.isLessThan(calls.indexOf("second pipeline INBOUND"));
			}
		});
	}

	@Test
	void mdnsCustomizersRunInOrderBeforeTheServiceIsRegistered() throws Exception {
		calls.clear();
		this.runner.withUserConfiguration(MdnsCustomizers.class)
			.withPropertyValues("tcpnet.discovery.mdns.enabled=true", "tcpnet.discovery.mdns.interfaces=127.0.0.1",
					"tcpnet.discovery.mdns.service-type=" + SERVICE_TYPE)
			.run((context) -> {
				String nodeId = context.getBean(Tcpnet.class).localNode().nodeId().value();
				// mDNS starts on its own thread once the node listens
				await().untilAsserted(() -> assertThat(calls).containsExactly("first 127.0.0.1 " + nodeId,
						"second 127.0.0.1 " + nodeId));
				// What the customizer added is in the TXT record a browser resolves.
				JmDNS browser = JmDNS.create(InetAddress.getByName("127.0.0.1"), "tcpnet-customizer-browser");
				try {
					await().atMost(Duration.ofSeconds(30))
						.until(() -> Arrays.stream(browser.list(SERVICE_TYPE, 500))
							.anyMatch((info) -> nodeId.equals(info.getPropertyString("id"))
									&& "eu".equals(info.getPropertyString("zone"))));
				}
				finally {
					browser.close();
				}
			});
	}

	private static String address(JmDNS jmdns) {
		try {
			return jmdns.getInetAddress().getHostAddress();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class TransportCustomizers {

		@Bean
		@Order(2)
		TcpnetTransportCustomizer second() {
			return new Recording("second");
		}

		@Bean
		@Order(1)
		TcpnetTransportCustomizer first() {
			return new Recording("first") {

				@Override
				public void customizeServer(io.netty.bootstrap.ServerBootstrap bootstrap) {
					super.customizeServer(bootstrap);
					bootstrap.childOption(ChannelOption.SO_RCVBUF, 128 * 1024);
				}

				@Override
				public void customizePipeline(ChannelPipeline pipeline, Direction direction) {
					super.customizePipeline(pipeline, direction);
					pipeline.addBefore("frames", "counting", new ChannelInboundHandlerAdapter() {

						@Override
						public void channelRead(ChannelHandlerContext context, Object message) {
							if (!calls.contains("bytes read")) {
								calls.add("bytes read");
							}
							context.fireChannelRead(message);
						}

					});
				}

			};
		}

	}

	static class Recording implements TcpnetTransportCustomizer {

		private final String name;

		Recording(String name) {
			this.name = name;
		}

		@Override
		public void customizeServer(io.netty.bootstrap.ServerBootstrap bootstrap) {
			calls.add(this.name + " server");
		}

		@Override
		public void customizePipeline(ChannelPipeline pipeline, Direction direction) {
			calls.add(this.name + " pipeline " + direction);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MdnsCustomizers {

		@Bean
		@Order(2)
		TcpnetMdnsCustomizer secondMdns() {
			return (jmdns, service) -> {
				calls.add("second " + address(jmdns) + " " + service.getPropertyString("id"));
				Map<String, String> txt = new HashMap<>();
				txt.put("zone", "eu");
				for (String key : java.util.Collections.list(service.getPropertyNames())) {
					txt.put(key, service.getPropertyString(key));
				}
				service.setText(txt);
			};
		}

		@Bean
		@Order(1)
		TcpnetMdnsCustomizer firstMdns() {
			return (jmdns, service) -> calls.add("first " + address(jmdns) + " " + service.getPropertyString("id"));
		}

	}

}
