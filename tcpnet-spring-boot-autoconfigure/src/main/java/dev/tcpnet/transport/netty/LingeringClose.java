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

import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;

/**
 * Closes a connection after its last frame (a goodbye, a duplicate) without losing that
 * frame: this side shuts its output down and goes on reading, discarding, until the
 * remote closes or {@link #LINGER_MILLIS} pass.
 *
 * <p>
 * Closing a socket at once while the remote is still sending resets it: with unread bytes
 * in its receive buffer the kernel sends a TCP RST (or marks a Unix-domain peer
 * {@code ECONNRESET}), and the remote's next write fails and closes its end before it
 * reads the last frame. A peer flooding a node that stops would then see it lost, not
 * gone, and keep its messages for a reconnect that never comes. Reading until the
 * remote's close is the lingering close HTTP servers use for the same reason.
 */
final class LingeringClose {

	/** How long a remote that does not close after the last frame is waited for. */
	static final long LINGER_MILLIS = 2_000;

	private static final AttributeKey<Boolean> LINGERING = AttributeKey.valueOf(LingeringClose.class, "lingering");

	private LingeringClose() {
	}

	/**
	 * On the event loop, once the last frame is written: shuts the output down (after
	 * TLS's close_notify), reads and discards until the remote closes, and closes at the
	 * latest after {@link #LINGER_MILLIS}. A failed write closes at once.
	 * @param written the write of the last frame
	 */
	static void afterLastFrame(ChannelFuture written) {
		Channel channel = written.channel();
		if (!written.isSuccess() || !(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
			channel.close();
			return;
		}
		channel.attr(LINGERING).set(Boolean.TRUE);
		channel.config().setAutoRead(true);
		Future<?> deadline = channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
		channel.closeFuture().addListener((closed) -> deadline.cancel(false));
		SslHandler tls = channel.pipeline().get(SslHandler.class);
		if (tls == null) {
			shutdownOutput(duplex);
		}
		else {
			tls.closeOutbound().addListener((notified) -> shutdownOutput(duplex));
		}
	}

	/**
	 * Returns whether the connection sent its last frame: what it reads is discarded and
	 * reading is never paused.
	 * @param channel the connection
	 * @return whether it is lingering
	 */
	static boolean lingering(Channel channel) {
		return marker(channel).get() != null;
	}

	/**
	 * Returns the mark set once the last frame is written, to be read without looking it
	 * up again.
	 * @param channel the connection
	 * @return the mark, set when the connection is lingering
	 */
	static Attribute<Boolean> marker(Channel channel) {
		return channel.attr(LINGERING);
	}

	private static void shutdownOutput(DuplexChannel channel) {
		channel.shutdownOutput().addListener((shutdown) -> {
			if (!shutdown.isSuccess()) {
				channel.close();
			}
		});
	}

}
