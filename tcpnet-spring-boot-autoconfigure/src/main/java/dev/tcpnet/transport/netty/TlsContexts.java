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

import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;

import dev.tcpnet.peer.Direction;
import dev.tcpnet.transport.TlsIdentity;
import dev.tcpnet.transport.TlsMaterial;

/**
 * The TLS contexts of a node: one to accept (requiring a client certificate) and one to
 * dial (presenting this node's certificate). Peers are identified by node id in the
 * handshake, not by host name, so host names are not verified: the trust material decides
 * who may join.
 */
final class TlsContexts {

	private final SslContext server;

	private final SslContext client;

	private final CertificateIdentity identity;

	private TlsContexts(SslContext server, SslContext client, CertificateIdentity identity) {
		this.server = server;
		this.client = client;
		this.identity = identity;
	}

	static TlsContexts of(TlsMaterial material) {
		try {
			SslContext server = configure(SslContextBuilder.forServer(material.keyManagers()), material)
				.clientAuth(ClientAuth.REQUIRE)
				.build();
			// Netty 4.2 verifies host names by default; peers are not known by host name.
			SslContext client = configure(SslContextBuilder.forClient().keyManager(material.keyManagers()), material)
				.endpointIdentificationAlgorithm(null)
				.build();
			return new TlsContexts(server, client, (material.identity() == TlsIdentity.SUBJECT)
					? CertificateIdentity.SUBJECT : CertificateIdentity.NONE);
		}
		catch (SSLException ex) {
			throw new IllegalStateException("Cannot build TLS contexts: " + ex.getMessage(), ex);
		}
	}

	private static SslContextBuilder configure(SslContextBuilder builder, TlsMaterial material) {
		builder.trustManager(material.trustManagers());
		if (material.protocols() != null) {
			builder.protocols(material.protocols());
		}
		if (material.ciphers() != null) {
			builder.ciphers(material.ciphers());
		}
		return builder;
	}

	/** How peers' node ids are bound to their certificates. */
	CertificateIdentity identity() {
		return this.identity;
	}

	SslHandler newHandler(Direction direction, ByteBufAllocator allocator) {
		return (direction == Direction.INBOUND) ? this.server.newHandler(allocator) : this.client.newHandler(allocator);
	}

}
