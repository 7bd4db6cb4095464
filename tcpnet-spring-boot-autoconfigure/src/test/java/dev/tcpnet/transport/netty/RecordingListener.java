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
	public void stalled(Connection connection) {
		this.signals.add("stalled");
	}

	@Override
	public void closed(Connection connection) {
		this.signals.add("closed");
	}

}
