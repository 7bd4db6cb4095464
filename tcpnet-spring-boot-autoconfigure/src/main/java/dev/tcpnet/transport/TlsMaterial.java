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
 * @param identity whether a peer's node id must be named by its certificate
 */
public record TlsMaterial(KeyManagerFactory keyManagers, TrustManagerFactory trustManagers,
		@Nullable List<String> protocols, @Nullable List<String> ciphers, TlsIdentity identity) {
}
