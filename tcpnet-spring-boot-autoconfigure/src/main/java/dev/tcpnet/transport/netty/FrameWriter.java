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

import java.util.ArrayList;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.jspecify.annotations.Nullable;

/**
 * Writes the frames of one connection from any thread, in the order given, coalesced:
 * frames wait in a list, and one event-loop task encodes everything queued into a few
 * large buffers and flushes once. A {@code writeAndFlush} per frame would cost a task, a
 * promise, a buffer and a pass through the pipeline per frame; under load this costs them
 * per batch.
 *
 * <p>
 * The list is guarded by a lock and taken whole by the event loop, which leaves an empty
 * one in its place: a sender pays an uncontended lock and an array store per frame, where
 * a concurrent queue cost it a node and a contended compare-and-set (a third of a sending
 * thread's time for small messages).
 */
final class FrameWriter {

	/** Buffers are filled up to this size before the next one starts. */
	static final int BATCH_BYTES = 64 * 1024;

	/**
	 * Frames written per task; more go to a new task, so one busy connection cannot hog
	 * the loop.
	 */
	static final int FRAMES_PER_TASK = 4096;

	private final Channel channel;

	private final Runnable drainTask = this::drainTask;

	private final Object lock = new Object();

	// Guarded by the lock.
	private ArrayList<Frame> queued = new ArrayList<>();

	private boolean scheduled;

	// Only the event loop uses these: the list taken, how far it is written, and the
	// encoder.
	private ArrayList<Frame> taken = new ArrayList<>();

	private int written;

	private final EnvelopeCodec envelopes = new EnvelopeCodec();

	FrameWriter(Channel channel) {
		this.channel = channel;
	}

	/**
	 * Queues a frame; it is written after every frame queued before it.
	 * @param frame the frame to write
	 */
	void write(Frame frame) {
		boolean schedule;
		synchronized (this.lock) {
			this.queued.add(frame);
			schedule = !this.scheduled;
			this.scheduled = true;
		}
		if (schedule) {
			this.channel.eventLoop().execute(this.drainTask);
		}
	}

	/**
	 * Writes everything queued, then {@code last} (on the event loop), then closes.
	 * @param last the last frame to write
	 */
	void writeAndClose(Frame last) {
		this.channel.eventLoop().execute(() -> {
			while (drain()) {
				// until nothing is left
			}
			this.channel.writeAndFlush(encode(last)).addListener(ChannelFutureListener.CLOSE);
		});
	}

	private void drainTask() {
		if (drain()) {
			this.channel.eventLoop().execute(this.drainTask);
		}
	}

	/**
	 * On the event loop: encodes up to {@link #FRAMES_PER_TASK} frames into large
	 * buffers, writes them, flushes. Reads its position from the fields for every frame,
	 * so that a drain run from inside a write (an {@code EmbeddedChannel} runs its tasks
	 * there) just moves it on.
	 * @return whether frames are left for another pass
	 */
	boolean drain() {
		ByteBuf batch = null;
		Frame frame;
		int frames = 0;
		while (frames < FRAMES_PER_TASK && (frame = peek()) != null) {
			int size = FrameCodec.estimateSize(frame, this.envelopes);
			if (batch != null && batch.writableBytes() < size) {
				this.channel.write(batch, this.channel.voidPromise());
				batch = null;
				// Looked at again: a drain run from inside the write may have written it.
				continue;
			}
			if (batch == null) {
				batch = this.channel.alloc().ioBuffer(Math.max(BATCH_BYTES, size));
			}
			FrameCodec.writeLengthPrefixed(frame, batch, this.envelopes);
			this.written++;
			frames++;
		}
		if (batch != null) {
			this.channel.writeAndFlush(batch, this.channel.voidPromise());
		}
		if (this.written < this.taken.size()) {
			return true;
		}
		letGoOfTaken();
		return false;
	}

	// The next frame to write, left in place.
	private @Nullable Frame peek() {
		if (this.written == this.taken.size()) {
			letGoOfTaken();
			takeQueued();
			if (this.taken.isEmpty()) {
				return null;
			}
		}
		return this.taken.get(this.written);
	}

	// Written: lets go of the frames (their payloads), and of a burst's large array.
	private void letGoOfTaken() {
		if (this.taken.size() > FRAMES_PER_TASK) {
			this.taken = new ArrayList<>();
		}
		else {
			this.taken.clear();
		}
		this.written = 0;
	}

	// Swaps the empty list for the queued one. A frame queued from now on schedules a new
	// task
	// rather than being missed.
	private void takeQueued() {
		ArrayList<Frame> empty = this.taken;
		synchronized (this.lock) {
			this.taken = this.queued;
			this.queued = empty;
			this.scheduled = false;
		}
	}

	private ByteBuf encode(Frame frame) {
		ByteBuf buf = this.channel.alloc().ioBuffer(FrameCodec.estimateSize(frame, this.envelopes));
		FrameCodec.writeLengthPrefixed(frame, buf, this.envelopes);
		return buf;
	}

}
