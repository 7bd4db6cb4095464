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

package dev.tcpnet.mesh;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/**
 * The addresses an acceptor listens on: the bound address, or every address of every
 * interface that is up when bound to the wildcard address.
 */
final class LocalAddresses {

	private LocalAddresses() {
	}

	static List<InetAddress> of(InetAddress bound) {
		if (!bound.isAnyLocalAddress()) {
			return List.of(bound);
		}
		try {
			return Collections.list(NetworkInterface.getNetworkInterfaces())
				.stream()
				.filter(LocalAddresses::isUp)
				.flatMap(NetworkInterface::inetAddresses)
				.toList();
		}
		catch (SocketException ex) {
			return List.of(bound);
		}
	}

	private static boolean isUp(NetworkInterface nic) {
		try {
			return nic.isUp();
		}
		catch (SocketException ex) {
			return false;
		}
	}

}
