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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.group.ChannelGroup;
import org.jspecify.annotations.Nullable;

import dev.tcpnet.transport.SharedSecret;
import dev.tcpnet.transport.TransportListener;

/**
 * What every connection of one transport shares: identity, limits, security and where to
 * report.
 */
final class PipelineConfig {

	final LocalIdentity local;

	final Duration handshakeTimeout;

	final Duration heartbeatInterval;

	final Duration heartbeatTimeout;

	/**
	 * How long bytes may wait for the socket with none taken before the connection is
	 * closed.
	 */
	final Duration writeTimeout;

	final int maxFrameSize;

	final TransportListener listener;

	final ChannelGroup channels;

	final @Nullable SharedSecret secret;

	final RejectionLog rejections = new RejectionLog();

	/**
	 * The heartbeat and write-stall checks of every connection, one task per event loop.
	 */
	final ConnectionChecks checks;

	private final int maxPendingHandshakes;

	private final AtomicInteger pendingHandshakes = new AtomicInteger();

	private volatile @Nullable TlsContexts tls;

	/** A configuration whose write timeout is the heartbeat timeout. */
	PipelineConfig(LocalIdentity local, Duration handshakeTimeout, Duration heartbeatInterval,
			Duration heartbeatTimeout, int maxFrameSize, int maxPendingHandshakes, TransportListener listener,
			ChannelGroup channels, @Nullable SharedSecret secret, @Nullable TlsContexts tls) {
		this(local, handshakeTimeout, heartbeatInterval, heartbeatTimeout, heartbeatTimeout, maxFrameSize,
				maxPendingHandshakes, listener, channels, secret, tls);
	}

	PipelineConfig(LocalIdentity local, Duration handshakeTimeout, Duration heartbeatInterval,
			Duration heartbeatTimeout, Duration writeTimeout, int maxFrameSize, int maxPendingHandshakes,
			TransportListener listener, ChannelGroup channels, @Nullable SharedSecret secret,
			@Nullable TlsContexts tls) {
		this.local = local;
		this.handshakeTimeout = handshakeTimeout;
		this.heartbeatInterval = heartbeatInterval;
		this.heartbeatTimeout = heartbeatTimeout;
		this.writeTimeout = writeTimeout;
		this.checks = ConnectionChecks.of(heartbeatInterval, heartbeatTimeout, writeTimeout);
		this.maxFrameSize = maxFrameSize;
		this.maxPendingHandshakes = maxPendingHandshakes;
		this.listener = listener;
		this.channels = channels;
		this.secret = secret;
		this.tls = tls;
	}

	@Nullable TlsContexts tls() {
		return this.tls;
	}

	/**
	 * How peers' node ids are bound to their certificates: by the TLS contexts in use.
	 */
	CertificateIdentity certificateIdentity() {
		TlsContexts tls = this.tls;
		return (tls != null) ? tls.identity() : CertificateIdentity.NONE;
	}

	void tls(TlsContexts tls) {
		this.tls = tls;
	}

	/**
	 * Takes a place among the connections still in their handshake.
	 * @return whether there was room
	 */
	boolean tryStartHandshake() {
		if (this.pendingHandshakes.incrementAndGet() > this.maxPendingHandshakes) {
			this.pendingHandshakes.decrementAndGet();
			return false;
		}
		return true;
	}

	void handshakeEnded() {
		this.pendingHandshakes.decrementAndGet();
	}

	int pendingHandshakes() {
		return this.pendingHandshakes.get();
	}

}
