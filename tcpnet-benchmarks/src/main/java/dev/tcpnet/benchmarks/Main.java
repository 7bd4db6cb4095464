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

package dev.tcpnet.benchmarks;

import java.util.Arrays;

import dev.tcpnet.benchmarks.driver.RunComparison;
import dev.tcpnet.benchmarks.driver.Suite;
import dev.tcpnet.benchmarks.role.BenchNode;
import dev.tcpnet.benchmarks.role.HazelcastMember;
import dev.tcpnet.benchmarks.role.JGroupsNode;
import dev.tcpnet.benchmarks.role.PlainSocketClient;
import dev.tcpnet.benchmarks.role.PlainSocketServer;
import dev.tcpnet.benchmarks.role.UnixSocketClient;
import dev.tcpnet.benchmarks.role.UnixSocketServer;

/**
 * Runs the suite ({@code java -jar tcpnet-benchmarks.jar [--quick] …}); or, when the
 * first argument is {@code compare}, compares the results of full runs
 * ({@link RunComparison}); or, when it is {@code role}, one measured process that the
 * suite started.
 *
 * @since 0.1.0
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length >= 2 && args[0].equals("role")) {
			String[] rest = Arrays.copyOfRange(args, 2, args.length);
			switch (args[1]) {
				case "socket-server" -> PlainSocketServer.main(rest);
				case "socket-client" -> PlainSocketClient.main(rest);
				case "unix-socket-server" -> UnixSocketServer.main(rest);
				case "unix-socket-client" -> UnixSocketClient.main(rest);
				case "node" -> BenchNode.main(rest);
				case "hazelcast" -> HazelcastMember.main(rest);
				case "jgroups" -> JGroupsNode.main(rest);
				default -> throw new IllegalArgumentException("unknown role " + args[1]);
			}
			return;
		}
		if (args.length >= 1 && args[0].equals("compare")) {
			RunComparison.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		System.exit(Suite.run(args));
	}

}
