package dev.tcpnet.transport.netty;

import dev.tcpnet.peer.NodeId;
import java.util.List;

import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.PeerAddress;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TcpnetProtocol;

/**
 * The frames of the wire protocol, decoded.
 */
sealed interface Frame {

	/**
	 * The handshake: who the sender is. {@code nonce} is the dialer's id for the
	 * connection; {@code challenge} is fresh random bytes the other side's proof must
	 * cover.
	 */
	record Hello(String cluster, NodeId nodeId, long incarnation, int listenPort, long nonce, int flags,
			byte[] challenge) implements Frame {

		boolean requiresSecret() {
			return (this.flags & TcpnetProtocol.FLAG_SECRET) != 0;
		}

	}

	/** Proof that the sender knows the shared secret. */
	record Auth(byte[] proof) implements Frame {
	}

	/** The sender refuses the connection. */
	record Reject(RejectReason reason, String message) implements Frame {
	}

	/** An application envelope. */
	record Data(Envelope envelope) implements Frame {
	}

	/** Every envelope up to {@code seq} was delivered. */
	record Ack(long seq) implements Frame {
	}

	/** The sender's other peers. */
	record Peers(List<PeerAddress> peers) implements Frame {
	}

	/** Heartbeat. */
	record Ping(long nanos) implements Frame {
	}

	/** Heartbeat answer. */
	record Pong(long nanos) implements Frame {
	}

	/** The sender is stopping. */
	record Goodbye() implements Frame {
	}

	/** The sender keeps another connection of the pair and closes this one. */
	record Duplicate() implements Frame {
	}

}
