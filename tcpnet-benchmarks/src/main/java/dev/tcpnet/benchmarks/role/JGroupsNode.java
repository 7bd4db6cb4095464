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

package dev.tcpnet.benchmarks.role;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.UpHandler;
import org.jgroups.View;
import org.jgroups.blocks.MessageDispatcher;
import org.jgroups.blocks.RequestCorrelator;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.protocols.UFC;
import org.jgroups.util.MessageBatch;

/**
 * The messaging peer of the throughput and latency section: a JGroups channel with the
 * stack of {@code jgroups-bench.xml} (JGroups' {@code tcp.xml}: TCP, UNICAST3, bundling;
 * static discovery on 127.0.0.1, nothing multicast), the same commands as a tcpnet
 * {@link BenchNode}, and the same counting: messages delivered to the application's
 * {@link Receiver}, each checked for order by its {@link Sequence} number. Round trips go
 * through a {@link MessageDispatcher} with {@link RequestOptions#SYNC()}, answered by a
 * request handler that echoes the payload.
 *
 * <p>
 * Arguments: {@code cluster bindPort peerPort}. Figure lines: {@code @started ms members}
 * once the channel is connected, {@code @ready ms} once the view holds both members.
 * Commands: {@code count} → {@code @count messages bytes nanoTime
 * disorders}; {@code send size seconds} (flat out: JGroups' flow control blocks the
 * sender when the receiver lags) and {@code stop} → {@code @stopped sent failed};
 * {@code ping size warmup count seconds} → {@code @latency …}.
 *
 * @since 0.1.0
 */
public final class JGroupsNode implements Receiver {

	/** The stack, on the class path. */
	static final String CONFIG = "jgroups-bench.xml";

	private final Sequence sequence = new Sequence();

	private final JChannel channel;

	private final MessageDispatcher dispatcher;

	private volatile Address peer;

	private long messages;

	private long bytes;

	private volatile boolean stop;

	private volatile Thread sender;

	private volatile long sent;

	private volatile long failed;

	private JGroupsNode(JChannel channel) {
		this.channel = channel;
		this.dispatcher = new MessageDispatcher(channel, JGroupsNode::echo).setReceiver(this);
		// The dispatcher takes every message off the channel and drops those that are
		// not its requests or responses: those go to this receiver instead.
		UpHandler adapter = this.dispatcher.getProtocolAdapter();
		RequestCorrelator correlator = this.dispatcher.getCorrelator();
		channel.setUpHandler(new UpHandler() {

			@Override
			public UpHandler setLocalAddress(Address address) {
				adapter.setLocalAddress(address);
				return this;
			}

			@Override
			public Object up(Event event) {
				return adapter.up(event);
			}

			@Override
			public Object up(Message message) {
				if (!correlator.receiveMessage(message)) {
					receive(message);
				}
				return null;
			}

			@Override
			public void up(MessageBatch batch) {
				synchronized (JGroupsNode.this) {
					for (Message message : batch) {
						if (!correlator.receiveMessage(message)) {
							received(message);
						}
					}
				}
			}

		});
	}

	public static void main(String[] args) throws Exception {
		String cluster = args[0];
		int port = Integer.parseInt(args[1]);
		int peerPort = Integer.parseInt(args[2]);
		// Read by the stack's ${…} placeholders: both members on loopback, found
		// through the static list (no multicast discovery).
		System.setProperty("jgroups.bind_port", Integer.toString(port));
		System.setProperty("jgroups.tcpping.initial_hosts", "127.0.0.1[" + port + "],127.0.0.1[" + peerPort + "]");
		JGroupsNode node = new JGroupsNode(new JChannel(CONFIG));
		Protocol.serve(node::command);
		node.channel.connect(cluster);
		Protocol.emit("started", System.currentTimeMillis(), node.channel.getView().size());
		Thread.currentThread().join();
	}

	private static Object echo(Message request) {
		return Arrays.copyOfRange(request.getArray(), request.getOffset(), request.getOffset() + request.getLength());
	}

	@Override
	public void viewAccepted(View view) {
		if (view.size() < 2 || this.peer != null) {
			return;
		}
		Address self = this.channel.address();
		this.peer = view.getMembers().stream().filter((member) -> !member.equals(self)).findFirst().orElseThrow();
		Protocol.emit("ready", System.currentTimeMillis());
	}

	@Override
	public void receive(Message message) {
		synchronized (this) {
			received(message);
		}
	}

	@Override
	public void receive(MessageBatch batch) {
		synchronized (this) {
			for (Message message : batch) {
				received(message);
			}
		}
	}

	// Under the lock: UNICAST3 delivers a sender's messages in order, one batch or
	// message at a time, but not always on the same thread.
	private void received(Message message) {
		this.sequence.check(Sequence.number(message.getArray(), message.getOffset(), message.getLength()));
		this.messages++;
		this.bytes += message.getLength();
	}

	private void command(String[] command) {
		switch (command[0]) {
			case "count" -> count();
			case "send" -> startSending(Integer.parseInt(command[1]), Double.parseDouble(command[2]));
			case "stop" -> stopSending();
			case "ping" -> ping(Integer.parseInt(command[1]), Integer.parseInt(command[2]),
					Integer.parseInt(command[3]), Double.parseDouble(command[4]));
			default -> Protocol.emit("error", "unknown command " + command[0]);
		}
	}

	private synchronized void count() {
		Protocol.emit("count", this.messages, this.bytes, System.nanoTime(), this.sequence.disorders());
	}

	/**
	 * Sends numbered messages flat out: UNICAST3 keeps each until it is acknowledged, so
	 * every message is an array of its own, as with tcpnet.
	 * @param size the payload size
	 * @param seconds how long to send at most
	 */
	private void startSending(int size, double seconds) {
		Address to = this.peer;
		this.stop = false;
		this.failed = 0;
		byte[] template = new byte[size];
		SendingDeadline deadline = new SendingDeadline(seconds);
		Thread thread = new Thread(() -> {
			long count = 0;
			long failures = 0;
			while (!this.stop && !deadline.passed()) {
				try {
					this.channel.send(new BytesMessage(to, Sequence.stamp(template, count)));
					count++;
				}
				catch (Exception ex) {
					failures++;
				}
			}
			this.sent = count;
			this.failed = failures;
		}, "bench-sender");
		this.sender = thread;
		thread.start();
	}

	private void stopSending() {
		this.stop = true;
		Thread thread = this.sender;
		if (thread != null) {
			try {
				thread.join(40_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		// In the process's log: whether flow control held the sender back.
		UFC flowControl = this.channel.getProtocolStack().findProtocol(UFC.class);
		if (flowControl != null) {
			System.out.printf("UFC: the sender blocked %d times so far, %.1f ms on average%n",
					flowControl.getNumberOfBlockings(), flowControl.getAverageTimeBlocked());
		}
		Protocol.emit("stopped", this.sent, this.failed);
	}

	private void ping(int size, int warmup, int count, double seconds) {
		byte[] payload = new byte[size];
		long[] nanos = new long[count];
		long deadline = System.nanoTime() + (long) (seconds * 1e9);
		RequestOptions options = RequestOptions.SYNC().timeout(TimeUnit.SECONDS.toMillis(10));
		int measured = 0;
		try {
			for (int i = 0; i < warmup + count && System.nanoTime() < deadline; i++) {
				long start = System.nanoTime();
				this.dispatcher.sendMessage(new BytesMessage(this.peer, payload), options);
				if (i >= warmup) {
					nanos[measured++] = System.nanoTime() - start;
				}
			}
		}
		catch (Exception ex) {
			Protocol.emit("error", "ping", ex.toString().replace('\n', ' '));
		}
		Protocol.emitLatency(nanos, measured);
	}

}
