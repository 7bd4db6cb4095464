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

package dev.tcpnet.discovery.mdns;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What address selection needs to know about one network interface of this machine. A
 * value, so that selection can be tested with interfaces that do not exist.
 *
 * @param name the interface name, for example {@code eth0}
 * @param up whether the interface is up
 * @param loopback whether it is a loopback interface
 * @param multicast whether it supports multicast
 * @param addresses its addresses
 */
record LocalInterface(String name, boolean up, boolean loopback, boolean multicast, List<InetAddress> addresses) {

	private static final Logger logger = LoggerFactory.getLogger(LocalInterface.class);

	LocalInterface {
		addresses = List.copyOf(addresses);
	}

	/**
	 * Returns the network interfaces of this machine.
	 * @return the interfaces, in the order the operating system lists them
	 */
	static List<LocalInterface> ofMachine() {
		List<LocalInterface> interfaces = new ArrayList<>();
		try {
			for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				describe(networkInterface, interfaces);
			}
		}
		catch (SocketException ex) {
			logger.warn("Failed to list the network interfaces of this machine", ex);
		}
		return interfaces;
	}

	private static void describe(NetworkInterface networkInterface, List<LocalInterface> interfaces) {
		try {
			interfaces.add(new LocalInterface(networkInterface.getName(), networkInterface.isUp(),
					networkInterface.isLoopback(), networkInterface.supportsMulticast(),
					Collections.list(networkInterface.getInetAddresses())));
		}
		catch (SocketException ex) {
			// The interface went away while we were looking at it
			logger.debug("Skipping network interface {}: {}", networkInterface.getName(), ex.getMessage());
		}
	}

}
