package dev.tcpnet.transport.netty;

import dev.tcpnet.transport.RejectReason;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the frames of a connection whose handshake is complete to its
 * {@link NettyConnection}'s listener.
 */
class ConnectionHandler extends SimpleChannelInboundHandler<Frame> {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionHandler.class);

	private final NettyConnection connection;

	ConnectionHandler(NettyConnection connection) {
		this.connection = connection;
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
		if (frame instanceof Frame.Message message) {
			this.connection.listener().message(this.connection, message.topic(), message.payload());
		}
		else if (frame instanceof Frame.Goodbye) {
			this.connection.listener().goodbye(this.connection);
		}
		else if (frame instanceof Frame.Duplicate) {
			this.connection.listener().duplicate(this.connection);
		}
		else if (frame instanceof Frame.Reject reject) {
			logger.warn("Peer {} closed the connection: {} ({})", this.connection.remote().nodeId(), reject.reason(),
					reject.message());
			ctx.close();
		}
		else {
			throw new ProtocolViolationException(RejectReason.PROTOCOL,
					frame.getClass().getSimpleName().toLowerCase() + " frame after the handshake");
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.connection.listener().closed(this.connection);
		ctx.fireChannelInactive();
	}

}
