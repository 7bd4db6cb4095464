package dev.tcpnet.transport.netty;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * Reads and writes the topic of a message, reusing the last topic's string or bytes when it is
 * the same: a stream of messages mostly keeps its topic, and converting it anew for each message
 * took a tenth of a network thread's time for small messages. One per connection and direction,
 * used by one thread at a time.
 */
final class TopicCache {

	private byte[] lastBytes = new byte[0];

	private String last = "";

	/** Reads a string written as an unsigned 16-bit length and UTF-8 bytes. */
	String read(ByteBuf in) {
		int length = in.readUnsignedShort();
		if (length == this.lastBytes.length && sameAsLast(in, length)) {
			in.skipBytes(length);
			return this.last;
		}
		byte[] bytes = new byte[length];
		in.readBytes(bytes);
		this.lastBytes = bytes;
		this.last = new String(bytes, StandardCharsets.UTF_8);
		return this.last;
	}

	/**
	 * Returns a topic's UTF-8 bytes (the caller does not change them).
	 * @throws IllegalArgumentException when they do not fit a 16-bit length
	 */
	byte[] bytes(String topic) {
		if (!topic.equals(this.last)) {
			byte[] bytes = topic.getBytes(StandardCharsets.UTF_8);
			if (bytes.length > 0xFFFF) {
				throw new IllegalArgumentException("string of " + bytes.length + " bytes is too long for a frame");
			}
			this.last = topic;
			this.lastBytes = bytes;
		}
		return this.lastBytes;
	}

	private boolean sameAsLast(ByteBuf in, int length) {
		int start = in.readerIndex();
		if (in.writerIndex() - start < length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (in.getByte(start + i) != this.lastBytes[i]) {
				return false;
			}
		}
		return true;
	}

}
