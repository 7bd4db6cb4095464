package dev.tcpnet.transport.netty;

import java.io.IOException;

import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TransportListener;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every pipeline: whatever went wrong, log one line that names the remote
 * and the reason, tell the remote why when it can understand it, and close the connection.
 */
class ErrorHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ErrorHandler.class);

	private final TransportListener listener;

	ErrorHandler(TransportListener listener) {
		this.listener = listener;
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		Throwable failure = (cause instanceof DecoderException && cause.getCause() != null) ? cause.getCause() : cause;
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

	private void closeForViolation(ChannelHandlerContext ctx, ProtocolViolationException violation) {
		logger.warn("Closing connection {}: {}: {}", ctx.channel().remoteAddress(), violation.reason(),
				violation.getMessage());
		this.listener.rejected(ctx.channel().remoteAddress(), violation.reason());
		if (violation.reason() == RejectReason.MAGIC) {
			ctx.close();
			return;
		}
		ctx.writeAndFlush(new Frame.Reject(violation.reason(), violation.getMessage()))
			.addListener(ChannelFutureListener.CLOSE);
	}

}
