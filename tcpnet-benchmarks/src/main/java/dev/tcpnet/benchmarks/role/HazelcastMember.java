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

package dev.tcpnet.benchmarks.role;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The formation baseline: a Hazelcast member with multicast join, bound to 127.0.0.1,
 * phone-home off, created as a bean of the same minimal Boot application as the tcpnet
 * nodes (with tcpnet disabled), so that both sides pay Boot's start-up alike. Arguments:
 * the cluster name and the multicast time-to-live (0 keeps multicast on this host when
 * the member cannot run in a private network namespace), then Boot arguments.
 *
 * <p>
 * Figure lines: {@code @jvm ms jvmStartMs} at once, {@code @members ms size} on every
 * membership change, {@code @started ms size} when the application has started (the
 * member has joined).
 *
 * @since 0.1.0
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class HazelcastMember {

	public static void main(String[] args) throws InterruptedException {
		Protocol.serve((command) -> Protocol.emit("error", "unknown command " + command[0]));
		Protocol.emit("jvm", System.currentTimeMillis(), ManagementFactory.getRuntimeMXBean().getStartTime());
		System.setProperty("hazelcast.local.localAddress", "127.0.0.1");
		List<String> boot = new ArrayList<>(List.of("--tcpnet.enabled=false",
				"--spring.autoconfigure.exclude=dev.tcpnet.autoconfigure.TcpnetStandaloneAutoConfiguration",
				"--bench.hazelcast.cluster=" + args[0], "--bench.hazelcast.ttl=" + args[1]));
		boot.addAll(Arrays.asList(args).subList(2, args.length));
		ConfigurableApplicationContext context = null;
		try {
			context = new SpringApplicationBuilder(HazelcastMember.class).web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.run(boot.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			// Boot has reported why; a measured process that cannot start ends at once.
			Runtime.getRuntime().halt(1);
		}
		HazelcastInstance member = context.getBean(HazelcastInstance.class);
		Protocol.emit("started", System.currentTimeMillis(), member.getCluster().getMembers().size());
		Thread.currentThread().join();
	}

	@Bean(destroyMethod = "shutdown")
	HazelcastInstance hazelcastInstance(Environment environment) {
		return Hazelcast.newHazelcastInstance(config(environment.getRequiredProperty("bench.hazelcast.cluster"),
				environment.getRequiredProperty("bench.hazelcast.ttl", Integer.class)));
	}

	static Config config(String cluster, int timeToLive) {
		Config config = new Config();
		config.setClusterName(cluster);
		config.setProperty("hazelcast.phone.home.enabled", "false");
		config.setProperty("hazelcast.socket.bind.any", "false");
		NetworkConfig network = config.getNetworkConfig();
		network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
		JoinConfig join = network.getJoin();
		join.getAutoDetectionConfig().setEnabled(false);
		join.getTcpIpConfig().setEnabled(false);
		join.getMulticastConfig()
			.setEnabled(true)
			.setLoopbackModeEnabled(true)
			.setMulticastTimeToLive(timeToLive)
			.addTrustedInterface("127.0.0.1");
		config.addListenerConfig(new ListenerConfig(new MembershipListener() {

			@Override
			public void memberAdded(MembershipEvent event) {
				Protocol.emit("members", System.currentTimeMillis(), event.getMembers().size());
			}

			@Override
			public void memberRemoved(MembershipEvent event) {
				Protocol.emit("members", System.currentTimeMillis(), event.getMembers().size());
			}

		}));
		return config;
	}

}
