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

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the frames of one connection from any thread, in the order given, coalesced:
 * frames wait in a list, and one event-loop task encodes everything queued into a few
 * buffers and flushes once. A {@code writeAndFlush} per frame would cost a task, a
 * promise, a buffer and a pass through the pipeline per frame; under load this costs them
 * per batch.
 *
 * <p>
 * The list is guarded by a lock and taken whole by the event loop, which leaves an empty
 * one in its place: a sender pays an uncontended lock and an array store per frame, where
 * a concurrent queue cost it a node and a contended compare-and-set (a third of a sending
 * thread's time for small messages). A stream's message is queued as its sequence number,
 * topic and payload ({@link FrameQueue}), without a frame or an envelope.
 *
 * <p>
 * Back-pressure: a new buffer is encoded only while the channel is writable (below its
 * high water mark), so the bytes handed to Netty stay within that mark plus one batch.
 * While it is not, frames wait here as frames, whose payloads are the session's buffered
 * envelopes that the mesh bounds, and the writer resumes when the channel tells it is
 * writable again. Frames that a peer can make this side write do not pile up:
 * acknowledgements are cumulative, so only the latest waits; while the channel is not
 * writable only one pong (for the latest ping) waits; and one ping.
 */
final class FrameWriter {

	private static final Logger logger = LoggerFactory.getLogger(FrameWriter.class);

	/** Buffers are filled up to this size before the next one starts. */
	static final int BATCH_BYTES = 64 * 1024;

	/**
	 * Frames written per task; more go to a new task, so one busy connection cannot hog
	 * the loop.
	 */
	static final int FRAMES_PER_TASK = 4096;

	/** How long the arrays of a burst are kept after a take last used them. */
	static final long KEEP_LARGE_ARRAYS_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** Bytes of an ack, ping or pong with its length prefix: length, type, a long. */
	static final int CONTROL_FRAME_BYTES = 4 + 1 + 8;

	/** Pongs queued one for one between two drains, at most: a batch of them. */
	static final int MAX_QUEUED_PONGS = BATCH_BYTES / CONTROL_FRAME_BYTES;

	private final Channel channel;

	private final Object peer;

	private final Runnable drainTask = this::drainTask;

	private final Object lock = new Object();

	// Guarded by the lock: the frames in order, their estimated bytes, the latest ack,
	// pong and
	// ping, and whether a drain is due (a task scheduled, or the writer waiting for
	// writability).
	private FrameQueue queued = new FrameQueue();

	private long queuedBytes;

	private int queuedPongs;

	private Frame.@Nullable Ack ack;

	private Frame.@Nullable Pong pong;

	private Frame.@Nullable Ping ping;

	private boolean scheduled;

	private boolean discarded;

	// Only the event loop uses these: the frames taken, how far they are written, the
	// estimated
	// bytes of those not written, the encoder, and the frame to close with.
	private FrameQueue taken = new FrameQueue();

	private int written;

	private long takenBytes;

	private final EnvelopeCodec envelopes = new EnvelopeCodec();

	private @Nullable Frame last;

	private boolean awaitingWritability;

	// When a take last used a quarter of arrays larger than a task's frames.
	private long largeArraysUsedNanos;

	private boolean draining;

	private boolean drainAgain;

	/**
	 * Frames handed to the channel so far: the stall check's sign of life from this
	 * writer.
	 */
	private long framesWritten;

	/** Of those, pings: the heartbeat tells its own pings from other frames. */
	private long pingsWritten;

	// Read by other threads (a gauge): takenBytes as of the last pass.
	private volatile long unwrittenTakenBytes;

	/**
	 * Creates the writer of a channel.
	 * @param channel the channel
	 * @param peer who is at the other end, for log lines
	 */
	FrameWriter(Channel channel, Object peer) {
		this.channel = channel;
		this.peer = peer;
	}

	/**
	 * Says whether envelopes carry their headers: whether the pair negotiated a version
	 * that has them. Called before anything is written.
	 * @param headers whether they do
	 */
	void headers(boolean headers) {
		this.envelopes.headers(headers);
	}

	/** Queues a frame; it is written after every frame queued before it. */
	void write(Frame frame) {
		int bytes = FrameQueue.estimatedSize(frame);
		boolean schedule;
		synchronized (this.lock) {
			if (this.discarded) {
				return;
			}
			this.queued.add(frame, bytes);
			this.queuedBytes += bytes;
			schedule = scheduleLocked();
		}
		scheduleIf(schedule);
	}

	/**
	 * Queues the data frame of a message without headers or correlation id, as
	 * {@link #write} queues a frame, without making one.
	 */
	void writeMessage(long seq, String topic, byte[] payload) {
		int bytes = FrameQueue.estimatedMessageSize(topic, payload);
		boolean schedule;
		synchronized (this.lock) {
			if (this.discarded) {
				return;
			}
			this.queued.addMessage(seq, topic, payload, bytes);
			this.queuedBytes += bytes;
			schedule = scheduleLocked();
		}
		scheduleIf(schedule);
	}

	/**
	 * Acknowledges up to {@code seq} in the next drain. Acknowledgements are cumulative:
	 * of those not written yet, only the highest is.
	 */
	void acknowledge(long seq) {
		boolean schedule;
		synchronized (this.lock) {
			if (this.discarded) {
				return;
			}
			if (this.ack == null || seq > this.ack.seq()) {
				this.ack = new Frame.Ack(seq);
			}
			schedule = scheduleLocked();
		}
		scheduleIf(schedule);
	}

	/**
	 * Answers a ping. While the channel is writable, pings get their pongs one for one,
	 * up to a batch of them between two drains; beyond that, and while the channel is not
	 * writable, only the latest ping's pong waits (a newer ping replaces it). So a peer
	 * that floods pings and never reads fills the socket and this connection's buffer up
	 * to the high water mark within moments, and is closed for stalling, and yet a pong
	 * per ping never piles up here.
	 */
	void pong(long nanos) {
		boolean schedule;
		synchronized (this.lock) {
			if (this.discarded) {
				return;
			}
			if (this.queuedPongs < MAX_QUEUED_PONGS && this.channel.isWritable()) {
				this.queuedPongs++;
				this.queued.add(new Frame.Pong(nanos), CONTROL_FRAME_BYTES);
				this.queuedBytes += CONTROL_FRAME_BYTES;
			}
			else {
				this.pong = new Frame.Pong(nanos);
			}
			schedule = scheduleLocked();
		}
		scheduleIf(schedule);
	}

	/** Sends a ping in the next drain; a newer one replaces one not written yet. */
	void ping(long nanos) {
		boolean schedule;
		synchronized (this.lock) {
			if (this.discarded) {
				return;
			}
			this.ping = new Frame.Ping(nanos);
			schedule = scheduleLocked();
		}
		scheduleIf(schedule);
	}

	// Under the lock: whether the caller must schedule the drain.
	private boolean scheduleLocked() {
		boolean schedule = !this.scheduled;
		this.scheduled = true;
		return schedule;
	}

	private void scheduleIf(boolean schedule) {
		if (schedule) {
			this.channel.eventLoop().execute(this.drainTask);
		}
	}

	/**
	 * Writes everything queued, then {@code last} (on the event loop), then closes. Waits
	 * for the channel to be writable as any drain does: the write-stall check closes a
	 * connection that makes no progress.
	 */
	void writeAndClose(Frame last) {
		this.channel.eventLoop().execute(() -> {
			this.last = last;
			drainTask();
		});
	}

	/**
	 * On the event loop: the channel's writability changed; resumes a drain that waited
	 * for it.
	 */
	void writabilityChanged() {
		if (this.awaitingWritability && this.channel.isWritable()) {
			this.awaitingWritability = false;
			// A task of its own: the change may be reported from inside a flush of this
			// writer.
			this.channel.eventLoop().execute(this.drainTask);
		}
	}

	/**
	 * Bytes of the frames waiting here, estimated: queued, taken and not written yet, and
	 * the pending ack, pong and ping.
	 * @return the bytes
	 */
	long queuedBytes() {
		long bytes;
		synchronized (this.lock) {
			bytes = this.queuedBytes + controlBytes(this.ack) + controlBytes(this.pong) + controlBytes(this.ping);
		}
		return bytes + this.unwrittenTakenBytes;
	}

	/** On the event loop: how many frames were handed to the channel so far. */
	long framesWritten() {
		return this.framesWritten;
	}

	/** On the event loop: how many of those were pings. */
	long pingsWritten() {
		return this.pingsWritten;
	}

	/**
	 * Drops everything waiting and anything written from now on: the connection is
	 * closed.
	 */
	void discard() {
		synchronized (this.lock) {
			this.discarded = true;
			this.queued = new FrameQueue();
			this.queuedBytes = 0;
			this.queuedPongs = 0;
			this.ack = null;
			this.pong = null;
			this.ping = null;
		}
		if (this.channel.eventLoop().inEventLoop()) {
			this.taken = new FrameQueue();
			this.written = 0;
			this.takenBytes = 0;
			this.unwrittenTakenBytes = 0;
		}
	}

	private void drainTask() {
		if (drain()) {
			this.channel.eventLoop().execute(this.drainTask);
		}
	}

	/**
	 * On the event loop: encodes up to {@link #FRAMES_PER_TASK} frames into buffers sized
	 * to what is queued, writes them while the channel is writable, flushes.
	 * @return whether frames are left for another pass
	 */
	boolean drain() {
		if (this.draining) {
			// Run from inside a write of this drain (an EmbeddedChannel runs its tasks
			// there).
			this.drainAgain = true;
			return false;
		}
		if (!this.channel.isActive()) {
			discard();
			return false;
		}
		this.draining = true;
		// This pass looks at writability itself.
		this.awaitingWritability = false;
		try {
			return drainWhileWritable();
		}
		finally {
			this.draining = false;
			this.unwrittenTakenBytes = this.takenBytes;
		}
	}

	private boolean drainWhileWritable() {
		ByteBuf batch = null;
		boolean wrote = false;
		try {
			int frames = 0;
			boolean more = true;
			while (frames < FRAMES_PER_TASK) {
				more = hasNext();
				if (!more) {
					break;
				}
				int next = this.written;
				int size = this.taken.size(next, this.envelopes);
				if (batch != null && batch.maxWritableBytes() < size) {
					wrote = true;
					ByteBuf full = batch;
					batch = null;
					this.channel.write(full, this.channel.voidPromise());
				}
				if (batch == null) {
					if (!this.channel.isWritable()) {
						break;
					}
					batch = this.channel.alloc().ioBuffer(batchCapacity(size), Math.max(size, BATCH_BYTES));
				}
				this.taken.write(next, batch, this.envelopes);
				if (this.taken.frame(next) instanceof Frame.Ping) {
					this.pingsWritten++;
				}
				this.takenBytes -= this.taken.estimatedSize(next);
				this.written++;
				frames++;
			}
			if (batch != null) {
				wrote = true;
				ByteBuf full = batch;
				batch = null;
				this.channel.write(full, this.channel.voidPromise());
			}
			this.framesWritten += frames;
			if (wrote) {
				this.channel.flush();
			}
			return afterPass(more, frames);
		}
		catch (RuntimeException | Error ex) {
			if (batch != null) {
				batch.release();
			}
			failed(ex);
			return false;
		}
	}

	// What follows a pass that stopped with frames left, or not.
	private boolean afterPass(boolean more, int frames) {
		if (this.drainAgain) {
			this.drainAgain = false;
			return true;
		}
		if (!more) {
			letGoOfTaken();
			writeLastAndClose();
			return false;
		}
		if (frames < FRAMES_PER_TASK) {
			awaitWritability();
			return false;
		}
		return true;
	}

	// Stopped at the high water mark: writes leave the frames queued until the channel is
	// writable again, when writabilityChanged resumes.
	private void awaitWritability() {
		synchronized (this.lock) {
			this.scheduled = true;
		}
		this.awaitingWritability = true;
		if (this.channel.isWritable()) {
			// Writable again already (a flush of this pass wrote everything): no event
			// will tell.
			writabilityChanged();
		}
	}

	private void writeLastAndClose() {
		Frame closing = this.last;
		if (closing == null) {
			return;
		}
		this.last = null;
		ByteBuf buf = this.channel.alloc().ioBuffer(FrameQueue.estimatedSize(closing));
		try {
			FrameCodec.writeLengthPrefixed(closing, buf, this.envelopes);
		}
		catch (RuntimeException ex) {
			buf.release();
			throw ex;
		}
		// Nothing is written after the last frame: the output is shut down next.
		discard();
		this.channel.writeAndFlush(buf).addListener((ChannelFutureListener) LingeringClose::afterLastFrame);
	}

	// Encoding failed, or a write threw: nothing more can be written in order.
	private void failed(Throwable ex) {
		logger.warn("Closing connection to {}: writing to it failed: {}", this.peer, ex.toString(), ex);
		discard();
		this.channel.close();
	}

	// Whether a frame is left to write, taking what was queued when the taken ones are
	// written.
	private boolean hasNext() {
		if (this.written == this.taken.size()) {
			letGoOfTaken();
			takeQueued();
			return !this.taken.isEmpty();
		}
		return true;
	}

	// A buffer for the frames taken from the next one on, up to a batch; more for one
	// larger
	// frame. A lone ack takes a buffer of its size, not a batch's; frames queued while
	// the
	// drain runs grow the buffer up to a batch, rather than each starting a small one.
	private int batchCapacity(int nextSize) {
		return (int) Math.max(nextSize, Math.min(this.takenBytes, BATCH_BYTES));
	}

	// Written: lets go of the frames (their payloads), and of a burst's large arrays a
	// second after the last take that used a quarter of them. A steady high rate keeps
	// them: growing them again for every take cost a streamed message more than its frame
	// did. A connection that went quiet lets go of them at its next heartbeat.
	private void letGoOfTaken() {
		int capacity = this.taken.capacity();
		if (capacity > FRAMES_PER_TASK && !keepsLargeArrays(this.taken.size() >= capacity / 4)) {
			this.taken = new FrameQueue();
		}
		else {
			this.taken.clear();
		}
		this.written = 0;
		this.takenBytes = 0;
	}

	// Swaps the empty list for the queued one, and adds the pending ack, pong and ping. A
	// frame
	// queued from now on schedules a new task rather than being missed.
	private void takeQueued() {
		FrameQueue empty = this.taken;
		Frame ack;
		Frame pong;
		Frame ping;
		synchronized (this.lock) {
			this.taken = this.queued;
			this.queued = empty;
			this.takenBytes = this.queuedBytes;
			this.queuedBytes = 0;
			this.queuedPongs = 0;
			ack = this.ack;
			pong = this.pong;
			ping = this.ping;
			this.ack = null;
			this.pong = null;
			this.ping = null;
			this.scheduled = false;
		}
		takeControlFrame(ack);
		takeControlFrame(pong);
		takeControlFrame(ping);
		this.unwrittenTakenBytes = this.takenBytes;
	}

	private void takeControlFrame(@Nullable Frame frame) {
		if (frame != null) {
			this.taken.add(frame, CONTROL_FRAME_BYTES);
			this.takenBytes += CONTROL_FRAME_BYTES;
		}
	}

	private boolean keepsLargeArrays(boolean used) {
		long now = System.nanoTime();
		if (used) {
			this.largeArraysUsedNanos = now;
		}
		return now - this.largeArraysUsedNanos < KEEP_LARGE_ARRAYS_NANOS;
	}

	private static int controlBytes(@Nullable Frame frame) {
		return (frame != null) ? CONTROL_FRAME_BYTES : 0;
	}

}
