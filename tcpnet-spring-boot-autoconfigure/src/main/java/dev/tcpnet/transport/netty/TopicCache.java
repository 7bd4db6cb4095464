package dev.tcpnet.transport.netty;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * Reads the topic of a message, reusing the last topic's string when the bytes are the same:
 * a stream of messages mostly keeps its topic, and decoding it anew for each message was a tenth
 * of the receiving thread's time for small messages. One per connection, used by its network
 * thread only.
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
