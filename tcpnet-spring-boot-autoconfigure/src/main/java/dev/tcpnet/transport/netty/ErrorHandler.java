package dev.tcpnet.transport.netty;

import java.io.IOException;

import javax.net.ssl.SSLException;

import dev.tcpnet.transport.RejectReason;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every pipeline: whatever went wrong, log one line that names the remote
 * and the reason (refusals through the rate-limited {@link RejectionLog}), tell the remote why
 * when it can understand it, and close the connection. No exception goes further.
 */
class ErrorHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ErrorHandler.class);

	private final PipelineConfig config;

	private boolean tlsFailureReported;

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
			closeForViolation(ctx, violation);
		}
		else if (failure instanceof IOException) {
			logger.debug("Closing connection {}: {}", ctx.channel().remoteAddress(), failure.getMessage());
			ctx.close();
		}
		else {
			logger.warn("Closing connection {}: unexpected error", ctx.channel().remoteAddress(), failure);
			ctx.close();
		}
	}

	// Not TLS, no certificate, or one that does not chain to the trust material.
	private void tlsFailed(ChannelHandlerContext ctx, Throwable failure) {
		if (!this.tlsFailureReported) {
			this.tlsFailureReported = true;
			this.config.rejections.refused(logger, ctx.channel().remoteAddress(),
					"TLS handshake failed: " + failure.getMessage());
			this.config.listener.rejected(ctx.channel().remoteAddress(), RejectReason.AUTH);
		}
		ctx.close();
	}

	private void closeForViolation(ChannelHandlerContext ctx, ProtocolViolationException violation) {
		this.config.rejections.refused(logger, ctx.channel().remoteAddress(),
				violation.reason().name().toLowerCase() + ": " + violation.getMessage());
		this.config.listener.rejected(ctx.channel().remoteAddress(), violation.reason());
		if (violation.reason() == RejectReason.MAGIC) {
			ctx.close();
			return;
		}
		ctx.writeAndFlush(new Frame.Reject(violation.reason(), violation.getMessage()))
			.addListener(ChannelFutureListener.CLOSE);
	}

}
