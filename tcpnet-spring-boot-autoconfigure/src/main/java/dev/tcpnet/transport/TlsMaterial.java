package dev.tcpnet.transport;

import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * What a node needs for mutual TLS: its own key and certificate, and the trust material
 * its peers' certificates must chain to. Every node is both a TLS server and a TLS
 * client, and both sides must present a certificate.
 *
 * @param keyManagers this node's key and certificate chain
 * @param trustManagers the certificates peers must chain to
 * @param protocols the enabled protocols, or {@code null} for the defaults
 * @param ciphers the enabled cipher suites, or {@code null} for the defaults
 */
public record TlsMaterial(KeyManagerFactory keyManagers, TrustManagerFactory trustManagers,
		@Nullable List<String> protocols, @Nullable List<String> ciphers) {
}
