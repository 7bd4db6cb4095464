package dev.tcpnet.transport.netty;

import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tcpnet.transport.Connection;
import dev.tcpnet.transport.ConnectionListener;
import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.RejectReason;
import dev.tcpnet.transport.TransportListener;

/**
 * Records what a transport and its connections report.
 */
class RecordingListener implements TransportListener, ConnectionListener {

	final List<Connection> connected = new CopyOnWriteArrayList<>();

	final List<RejectReason> rejected = new CopyOnWriteArrayList<>();

	final List<String> messages = new CopyOnWriteArrayList<>();

	final List<String> signals = new CopyOnWriteArrayList<>();

	@Override
	public void connected(Connection connection) {
		connection.listen(this);
		this.connected.add(connection);
	}

	@Override
	public void rejected(SocketAddress remote, RejectReason reason) {
		this.rejected.add(reason);
	}

	@Override
	public void received(Connection connection, Envelope envelope) {
		this.messages
			.add(envelope.topic() + ":" + new String(envelope.payload(), java.nio.charset.StandardCharsets.UTF_8));
	}

	@Override
	public void acknowledged(Connection connection, long seq) {
		this.signals.add("ack " + seq);
	}

	@Override
	public void roundTrip(Connection connection, long nanos) {
		this.signals.add("rtt");
	}

	@Override
	public void goodbye(Connection connection) {
		this.signals.add("goodbye");
	}

	@Override
	public void duplicate(Connection connection) {
		this.signals.add("duplicate");
	}

	@Override
	public void closed(Connection connection) {
		this.signals.add("closed");
	}

}
