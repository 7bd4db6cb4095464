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

package dev.tcpnet.transport.netty;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

import dev.tcpnet.peer.NodeId;

/**
 * Binds a node id to the peer's TLS certificate ({@code tcpnet.ssl.identity=subject}):
 * the node id a peer claims in its hello must be its certificate's subject common name or
 * one of its DNS subject alternative names. Without it, any holder of a certificate the
 * trust material accepts could claim any node id and receive another node's messages.
 */
final class CertificateIdentity {

	/** Node ids are not checked against certificates. */
	static final CertificateIdentity NONE = new CertificateIdentity(false);

	/** The node id must be named by the certificate. */
	static final CertificateIdentity SUBJECT = new CertificateIdentity(true);

	private static final int DNS_NAME = 2;

	private final boolean checked;

	private CertificateIdentity(boolean checked) {
		this.checked = checked;
	}

	/**
	 * Checks a claimed node id against the peer's certificate.
	 * @param channel the connection (checked only when it runs TLS)
	 * @param nodeId the node id the peer claims
	 * @return why the certificate does not name the node id, or {@code null} when it does
	 */
	@Nullable String mismatch(Channel channel, NodeId nodeId) {
		SslHandler tls = channel.pipeline().get(SslHandler.class);
		if (!this.checked || tls == null) {
			return null;
		}
		try {
			Certificate[] chain = tls.engine().getSession().getPeerCertificates();
			if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
				return "no X.509 certificate names node id '" + nodeId + "' (tcpnet.ssl.identity=subject)";
			}
			List<String> names = names(certificate);
			if (names.contains(nodeId.value())) {
				return null;
			}
			return "node id '" + nodeId + "' is not named by its certificate (subject common name or DNS names: "
					+ names + "); tcpnet.ssl.identity=subject requires it";
		}
		catch (SSLPeerUnverifiedException ex) {
			return "no verified certificate names node id '" + nodeId + "' (tcpnet.ssl.identity=subject)";
		}
	}

	static List<String> names(X509Certificate certificate) {
		List<String> names = new ArrayList<>();
		try {
			for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
				if ("CN".equalsIgnoreCase(rdn.getType())) {
					names.add(String.valueOf(rdn.getValue()));
				}
			}
		}
		catch (InvalidNameException ex) {
			// No common name to offer.
		}
		try {
			Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
			if (alternatives != null) {
				alternatives.stream()
					.filter((entry) -> entry.size() == 2 && Integer.valueOf(DNS_NAME).equals(entry.get(0)))
					.forEach((entry) -> names.add(String.valueOf(entry.get(1))));
			}
		}
		catch (CertificateParsingException ex) {
			// No alternative names to offer.
		}
		return names;
	}

}
