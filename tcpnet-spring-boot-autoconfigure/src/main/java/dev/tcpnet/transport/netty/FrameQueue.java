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

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Frames waiting to be written, in order, in arrays: a message queued by
 * {@link #addMessage} takes its slot's payload, sequence number and topic and no frame
 * object, so a stream's message allocates nothing here; any other frame takes its slot as
 * itself. Each slot keeps the estimate of its bytes that was counted when it was queued,
 * so the network thread reads a message's payload only to copy it. Not thread-safe:
 * {@link FrameWriter} guards it.
 */
final class FrameQueue {

	private static final int INITIAL_CAPACITY = 16;

	// A frame, or null for a message whose payload, seq and topic stand beside it.
	private Frame[] frames = new Frame[INITIAL_CAPACITY];

	private byte[][] payloads = new byte[INITIAL_CAPACITY][];

	private long[] seqs = new long[INITIAL_CAPACITY];

	private String[] topics = new String[INITIAL_CAPACITY];

	private int[] estimates = new int[INITIAL_CAPACITY];

	private int size;

	void add(Frame frame, int estimate) {
		slot();
		this.frames[this.size] = frame;
		this.estimates[this.size] = estimate;
		this.size++;
	}

	void addMessage(long seq, String topic, byte[] payload, int estimate) {
		slot();
		this.payloads[this.size] = payload;
		this.seqs[this.size] = seq;
		this.topics[this.size] = topic;
		this.estimates[this.size] = estimate;
		this.size++;
	}

	private void slot() {
		if (this.size == this.frames.length) {
			int capacity = this.frames.length * 2;
			this.frames = Arrays.copyOf(this.frames, capacity);
			this.payloads = Arrays.copyOf(this.payloads, capacity);
			this.seqs = Arrays.copyOf(this.seqs, capacity);
			this.topics = Arrays.copyOf(this.topics, capacity);
			this.estimates = Arrays.copyOf(this.estimates, capacity);
		}
	}

	int size() {
		return this.size;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	/** How many frames the arrays hold room for. */
	int capacity() {
		return this.frames.length;
	}

	/** Lets go of every frame and payload. */
	void clear() {
		Arrays.fill(this.frames, 0, this.size, null);
		Arrays.fill(this.payloads, 0, this.size, null);
		Arrays.fill(this.topics, 0, this.size, null);
		this.size = 0;
	}

	/** The frame at {@code index}, or {@code null} for a message queued without one. */
	@Nullable Frame frame(int index) {
		return this.frames[index];
	}

	/**
	 * The bytes the frame at {@code index} takes on the wire, as the codec will write it.
	 */
	int size(int index, EnvelopeCodec envelopes) {
		Frame frame = this.frames[index];
		if (frame == null) {
			return envelopes.messageSize(this.topics[index], this.payloads[index]);
		}
		return (frame instanceof Frame.Data data) ? envelopes.size(data.envelope()) : this.estimates[index];
	}

	/** Appends the frame at {@code index} with its length prefix. */
	void write(int index, ByteBuf out, EnvelopeCodec envelopes) {
		Frame frame = this.frames[index];
		if (frame == null) {
			envelopes.writeMessage(this.seqs[index], this.topics[index], this.payloads[index], out);
		}
		else {
			FrameCodec.writeLengthPrefixed(frame, out, envelopes);
		}
	}

	/** The bytes of the frame at {@code index}, as estimated when it was queued. */
	int estimatedSize(int index) {
		return this.estimates[index];
	}

	/** Bytes a frame takes on the wire, estimated from any thread. */
	static int estimatedSize(Frame frame) {
		if (frame instanceof Frame.Data data) {
			return estimatedMessageSize(data.envelope().topic(), data.envelope().payload());
		}
		if (frame instanceof Frame.Peers peers) {
			// Count, and per peer: a node id of about 36 bytes, an IPv6 address, a port.
			return 4 + 1 + 2 + peers.peers().size() * 64;
		}
		return FrameWriter.CONTROL_FRAME_BYTES;
	}

	static int estimatedMessageSize(String topic, byte[] payload) {
		return EnvelopeCodec.HEADER_LENGTH + topic.length() + payload.length;
	}

}
