package dev.tcpnet.support;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tcpnet.peer.Peer;

/**
 * Streams of numbered messages for load tests: sending them in acknowledged windows, and
 * checking on the receiving side that each sender's arrive once and in order.
 */
public final class NumberedMessages {

	private final Map<String, Integer> next = new ConcurrentHashMap<>();

	private final List<String> outOfOrder = new CopyOnWriteArrayList<>();

	/**
	 * Sends messages numbered 0 to {@code count - 1} in windows, each acknowledged before the
	 * next: none may fail.
	 * @param from the sending node
	 * @param to the receiving node
	 * @param topic the topic
	 * @param count how many
	 * @param window how many may wait for their acknowledgement
	 */
	public static void send(TestNode from, TestNode to, String topic, int count, int window) {
		for (int first = 0; first < count; first += window) {
			List<CompletableFuture<Void>> sent = new ArrayList<>();
			for (int n = first; n < Math.min(count, first + window); n++) {
				sent.add(from.tcpnet().send(to.id(), topic, ByteBuffer.allocate(4).putInt(n).array()));
			}
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
		}
	}

	/**
	 * Checks a message received: its number should be the next of its sender's.
	 * @param from the sender
	 * @param payload the message
	 */
	public void received(Peer from, byte[] payload) {
		String sender = from.nodeId().value();
		int expected = this.next.getOrDefault(sender, 0);
		int n = ByteBuffer.wrap(payload).getInt();
		if (n != expected) {
			this.outOfOrder.add(sender + ": " + n + " instead of " + expected);
		}
		this.next.put(sender, n + 1);
	}

	/**
	 * Returns how many messages of a sender arrived in order so far.
	 * @param sender the sender
	 * @return the number of the next message expected
	 */
	public int next(TestNode sender) {
		return this.next.getOrDefault(sender.id().value(), 0);
	}

	/**
	 * Returns the messages that came out of their sender's order.
	 * @return one line each
	 */
	public List<String> outOfOrder() {
		return this.outOfOrder;
	}

}
