package dev.tcpnet.transport.netty;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * Writes the frames of one connection from any thread, in the order given, coalesced: frames
 * wait in a queue, and one event-loop task encodes everything queued into a few large buffers
 * and flushes once. A {@code writeAndFlush} per frame would cost a task, a promise, a buffer and
 * a pass through the pipeline per frame; under load this costs them per batch.
 */
final class FrameWriter {

	/** Buffers are filled up to this size before the next one starts. */
	static final int BATCH_BYTES = 64 * 1024;

	/** Frames written per task; more go to a new task, so one busy connection cannot hog the loop. */
	private static final int FRAMES_PER_TASK = 4096;

	private final Channel channel;

	private final Queue<Frame> queued = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final Runnable drainTask = this::drain;

	// Only the event loop encodes.
	private final TopicCache topics = new TopicCache();

	FrameWriter(Channel channel) {
		this.channel = channel;
	}

	/** Queues a frame; it is written after every frame queued before it. */
	void write(Frame frame) {
		this.queued.add(frame);
		if (this.scheduled.compareAndSet(false, true)) {
			this.channel.eventLoop().execute(this.drainTask);
		}
	}

	/** Writes everything queued, then {@code last} (on the event loop), then closes. */
	void writeAndClose(Frame last) {
		this.channel.eventLoop().execute(() -> {
			drain();
			this.channel.writeAndFlush(encode(last)).addListener(ChannelFutureListener.CLOSE);
		});
	}

	/** On the event loop: encodes what is queued into large buffers, writes them, flushes. */
	void drain() {
		// Cleared first: a frame queued from now on schedules a new task rather than being missed.
		this.scheduled.set(false);
		ByteBuf batch = null;
		int frames = 0;
		Frame frame;
		while (frames < FRAMES_PER_TASK && (frame = this.queued.poll()) != null) {
			int size = FrameCodec.estimateSize(frame);
			if (batch != null && batch.writableBytes() < size) {
				this.channel.write(batch, this.channel.voidPromise());
				batch = null;
			}
			if (batch == null) {
				batch = this.channel.alloc().ioBuffer(Math.max(BATCH_BYTES, size));
			}
			FrameCodec.writeLengthPrefixed(frame, batch, this.topics);
			frames++;
		}
		if (batch != null) {
			this.channel.writeAndFlush(batch, this.channel.voidPromise());
		}
		if (!this.queued.isEmpty() && this.scheduled.compareAndSet(false, true)) {
			this.channel.eventLoop().execute(this.drainTask);
		}
	}

	private ByteBuf encode(Frame frame) {
		ByteBuf buf = this.channel.alloc().ioBuffer(FrameCodec.estimateSize(frame));
		FrameCodec.writeLengthPrefixed(frame, buf);
		return buf;
	}

}
