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
