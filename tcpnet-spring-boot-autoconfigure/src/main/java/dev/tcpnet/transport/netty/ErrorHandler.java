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

import java.io.IOException;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tcpnet.transport.RejectReason;

/**
 * The last handler of every pipeline: whatever went wrong, log one line that names the
 * remote and the reason (refusals through the rate-limited {@link RejectionLog}), tell
 * the remote why when it can understand it, and close the connection. No exception goes
 * further.
 */
class ErrorHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ErrorHandler.class);

	private final PipelineConfig config;

	ErrorHandler(PipelineConfig config) {
		this.config = config;
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		Throwable failure = (cause instanceof DecoderException && cause.getCause() != null) ? cause.getCause() : cause;
		if (failure instanceof SSLException) {
			// Reported even when the TLS handler has already closed the connection.
			tlsFailed(ctx, failure);
			return;
		}
		if (!ctx.channel().isActive()) {
			return;
		}
		if (failure instanceof ProtocolViolationException violation) {
			if (Refusals.first(ctx.channel())) {
				closeForViolation(ctx, violation);
			}
		}
		else if (failure instanceof IOException) {
			logger.debug("Closing connection {}: {}", RemoteAddress.of(ctx.channel()), failure.getMessage());
			ctx.close();
		}
		else {
			logger.warn("Closing connection {}: unexpected error", RemoteAddress.of(ctx.channel()), failure);
			ctx.close();
		}
	}

	// Not TLS, no certificate, or one that does not chain to the trust material.
	private void tlsFailed(ChannelHandlerContext ctx, Throwable failure) {
		if (Refusals.first(ctx.channel())) {
			this.config.rejections.refused(logger, RemoteAddress.of(ctx.channel()),
					"TLS handshake failed: " + shortened(failure.getMessage()));
			this.config.listener.rejected(RemoteAddress.of(ctx.channel()), RejectReason.AUTH);
		}
		ctx.close();
	}

	// The TLS handler reports its own handshake timeout (and failures) as an event, and
	// closes the connection itself.
	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
			if (completion.cause() instanceof SslHandshakeTimeoutException) {
				if (Refusals.first(ctx.channel())) {
					this.config.rejections.refused(logger, RemoteAddress.of(ctx.channel()),
							"no handshake within " + this.config.handshakeTimeout.toMillis() + " ms (TLS)");
					this.config.listener.rejected(RemoteAddress.of(ctx.channel()), RejectReason.TIMEOUT);
				}
				ctx.close();
			}
			else {
				tlsFailed(ctx, completion.cause());
			}
		}
		ctx.fireUserEventTriggered(event);
	}

	// Netty's "not an SSL/TLS record" message hex-dumps whatever arrived: keep log lines
	// short.
	private static String shortened(@Nullable String message) {
		return (message == null || message.length() <= 160) ? String.valueOf(message) : message.substring(0, 160) + "…";
	}

	private void closeForViolation(ChannelHandlerContext ctx, ProtocolViolationException violation) {
		this.config.rejections.refused(logger, RemoteAddress.of(ctx.channel()),
				violation.reason().name().toLowerCase() + ": " + violation.getMessage());
		this.config.listener.rejected(RemoteAddress.of(ctx.channel()), violation.reason());
		if (violation.reason() == RejectReason.MAGIC) {
			ctx.close();
			return;
		}
		ctx.writeAndFlush(new Frame.Reject(violation.reason(), violation.getMessage()))
			.addListener(ChannelFutureListener.CLOSE);
	}

}
