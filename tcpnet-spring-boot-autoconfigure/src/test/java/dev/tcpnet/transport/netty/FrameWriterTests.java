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
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.transport.Envelope;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class FrameWriterTests {

	/** Records every buffer it hands out, to check that each is released. */
	private final RecordingAllocator allocator = new RecordingAllocator();

	// Tells the writer when the channel's writability changes, as the connection handler
	// does;
	// takes the failures of writes that a close cut short, as the error handler does.
	private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext ctx) {
			FrameWriterTests.this.writer.writabilityChanged();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			FrameWriterTests.this.failedWrites.add(cause);
		}

	});

	private final List<Throwable> failedWrites = new ArrayList<>();

	private final FrameWriter writer = new FrameWriter(this.channel, "peer");

	FrameWriterTests() {
		this.channel.config().setAllocator(this.allocator);
	}

	@AfterEach
	void everyBufferIsReleased() {
		Wire.writtenFrames(this.channel);
		this.channel.finishAndReleaseAll();
		assertThat(this.allocator.buffers).allSatisfy((buf) -> assertThat(buf.refCnt()).isZero());
	}

	@Test
	void framesQueuedTogetherLeaveInOrderInOneBuffer() {
		for (int seq = 1; seq <= 3; seq++) {
			this.writer.write(data(seq, "t" + seq));
		}
		this.writer.write(new Frame.Ack(7));
		assertThat((Object) this.channel.readOutbound()).as("nothing before the event loop runs").isNull();
		this.channel.runPendingTasks();
		assertThat(this.channel.outboundMessages()).hasSize(1);
		List<Frame> frames = Wire.writtenFrames(this.channel);
		assertThat(frames).hasSize(4);
		assertThat(frames.subList(0, 3)).extracting((frame) -> ((Frame.Data) frame).envelope().topic())
			.containsExactly("t1", "t2", "t3");
		assertThat(frames.get(3)).isEqualTo(new Frame.Ack(7));
	}

	@Test
	void messagesQueuedWithoutAFrameLeaveInTheirPlaceAsTheirEnvelopesWould() {
		byte[] payload = { 1, 2, 3 };
		this.writer.writeMessage(1, "prices", payload);
		this.writer.write(data(2, "sent"));
		this.writer.write(new Frame.Ack(7));
		this.writer.writeMessage(3, "prices", new byte[0]);
		this.writer.writeMessage(4, "trades", payload);
		this.channel.runPendingTasks();
		List<Frame> frames = Wire.writtenFrames(this.channel);
		assertThat(frames).extracting((frame) -> (frame instanceof Frame.Data data) ? envelope(data) : frame)
			.containsExactly("1 MESSAGE 0 prices [1, 2, 3]", "2 MESSAGE 0 sent [1, 2, 3]", new Frame.Ack(7),
					"3 MESSAGE 0 prices []", "4 MESSAGE 0 trades [1, 2, 3]");
		assertThat(this.writer.queuedBytes()).isZero();
	}

	@Test
	void aBatchLargerThanOneBufferIsSplitAndNothingIsLost() {
		int count = 3 * FrameWriter.BATCH_BYTES / 1000;
		for (int seq = 1; seq <= count; seq++) {
			this.writer.write(new Frame.Data(new Envelope(seq, Envelope.Kind.MESSAGE, 0, "t", new byte[1000])));
		}
		this.channel.runPendingTasks();
		assertThat(this.channel.outboundMessages()).hasSizeGreaterThan(1);
		List<Long> seqs = new ArrayList<>();
		for (Frame frame : Wire.writtenFrames(this.channel)) {
			seqs.add(((Frame.Data) frame).envelope().seq());
		}
		assertThat(seqs).hasSize(count).isSorted().startsWith(1L).endsWith((long) count);
	}

	@Test
	void moreFramesThanOneTaskWritesLeaveInOrder() {
		int count = FrameWriter.FRAMES_PER_TASK * 5 / 2;
		for (int seq = 1; seq <= count; seq++) {
			this.writer.write(data(seq, "t"));
		}
		this.channel.runPendingTasks();
		this.writer.write(data(count + 1, "t"));
		this.channel.runPendingTasks();
		assertThat(seqs(Wire.writtenFrames(this.channel))).hasSize(count + 1).isSorted().endsWith((long) count + 1);
	}

	@Test
	void writeAndCloseSendsEverythingQueuedFirstHoweverMuch() {
		int count = FrameWriter.FRAMES_PER_TASK * 2 + 1;
		for (int seq = 1; seq <= count; seq++) {
			this.writer.write(data(seq, "t"));
		}
		this.writer.writeAndClose(new Frame.Goodbye());
		this.channel.runPendingTasks();
		List<Frame> frames = Wire.writtenFrames(this.channel);
		assertThat(seqs(frames.subList(0, frames.size() - 1))).hasSize(count).isSorted();
		assertThat(frames.get(frames.size() - 1)).isInstanceOf(Frame.Goodbye.class);
	}

	@Test
	void writeAndCloseSendsWhatWasQueuedFirstThenCloses() {
		this.writer.write(data(1, "before"));
		this.writer.writeAndClose(new Frame.Goodbye());
		this.channel.runPendingTasks();
		List<Frame> frames = Wire.writtenFrames(this.channel);
		assertThat(frames).hasSize(2);
		assertThat(((Frame.Data) frames.get(0)).envelope().topic()).isEqualTo("before");
		assertThat(frames.get(1)).isInstanceOf(Frame.Goodbye.class);
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void nothingIsEncodedWhileTheChannelIsNotWritableAndAllOfItOnceItIs() {
		writable(false);
		for (int seq = 1; seq <= 100; seq++) {
			this.writer.write(data(seq, "t"));
		}
		this.channel.runPendingTasks();
		assertThat(this.channel.outboundMessages()).isEmpty();
		assertThat(this.allocator.buffers).as("frames wait as frames, not as bytes").isEmpty();
		assertThat(this.writer.queuedBytes()).isEqualTo(100 * FrameQueue.estimatedSize(data(1, "t")));
		writable(true);
		assertThat(seqs(Wire.writtenFrames(this.channel))).hasSize(100).isSorted();
		assertThat(this.writer.queuedBytes()).isZero();
	}

	@Test
	void aDrainStopsWhenTheChannelBecomesUnwritableAndResumesWhereItStopped() {
		int count = 3 * FrameWriter.BATCH_BYTES / 1000;
		for (int seq = 1; seq <= count; seq++) {
			this.writer.write(new Frame.Data(new Envelope(seq, Envelope.Kind.MESSAGE, 0, "t", new byte[1000])));
		}
		// Unwritable as soon as the first batch is handed over, as at a high water mark.
		this.channel.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {

			@Override
			public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
				ctx.channel().unsafe().outboundBuffer().setUserDefinedWritability(1, false);
				ctx.pipeline().remove(this);
				ctx.write(msg, promise);
			}

		});
		this.channel.runPendingTasks();
		List<Long> first = seqs(Wire.writtenFrames(this.channel));
		assertThat(first).hasSizeLessThan(count / 2).isNotEmpty();
		assertThat(this.writer.queuedBytes()).isPositive();
		writable(true);
		List<Long> all = new ArrayList<>(first);
		all.addAll(seqs(Wire.writtenFrames(this.channel)));
		assertThat(all).hasSize(count).isSorted().startsWith(1L).endsWith((long) count);
	}

	@Test
	void acknowledgementsWaitingForWritabilityCoalesceToTheLatest() {
		writable(false);
		for (long seq = 1; seq <= 1000; seq++) {
			this.writer.acknowledge(seq);
		}
		this.writer.acknowledge(400);
		this.channel.runPendingTasks();
		assertThat(this.channel.outboundMessages()).isEmpty();
		assertThat(this.writer.queuedBytes()).isEqualTo(FrameWriter.CONTROL_FRAME_BYTES);
		writable(true);
		assertThat(Wire.writtenFrames(this.channel)).containsExactly(new Frame.Ack(1000));
	}

	@Test
	void anAcknowledgementIsWrittenInTheNextDrain() {
		this.writer.acknowledge(5);
		this.channel.runPendingTasks();
		assertThat(Wire.writtenFrames(this.channel)).containsExactly(new Frame.Ack(5));
		this.writer.acknowledge(6);
		this.channel.runPendingTasks();
		assertThat(Wire.writtenFrames(this.channel)).containsExactly(new Frame.Ack(6));
	}

	@Test
	void pongsAndPingsWaitingForWritabilityCoalesceToTheLatestOfEach() {
		writable(false);
		for (long nanos = 1; nanos <= 1000; nanos++) {
			this.writer.pong(nanos);
			this.writer.ping(-nanos);
		}
		this.channel.runPendingTasks();
		assertThat(this.channel.outboundMessages()).isEmpty();
		writable(true);
		assertThat(Wire.writtenFrames(this.channel)).containsExactlyInAnyOrder(new Frame.Pong(1000),
				new Frame.Ping(-1000));
	}

	@Test
	void whileWritableEveryPingGetsItsPongInOrder() {
		this.writer.write(data(1, "t"));
		for (long nanos = 1; nanos <= 3; nanos++) {
			this.writer.pong(nanos);
		}
		this.channel.runPendingTasks();
		List<Frame> frames = Wire.writtenFrames(this.channel);
		assertThat(frames.subList(1, frames.size())).containsExactly(new Frame.Pong(1), new Frame.Pong(2),
				new Frame.Pong(3));
	}

	@Test
	void moreThanABatchOfPongsBetweenTwoDrainsKeepsOnlyTheLatestBeyondIt() {
		int pings = FrameWriter.MAX_QUEUED_PONGS + 1000;
		for (long nanos = 1; nanos <= pings; nanos++) {
			this.writer.pong(nanos);
		}
		assertThat(this.writer.queuedBytes())
			.isEqualTo((FrameWriter.MAX_QUEUED_PONGS + 1L) * FrameWriter.CONTROL_FRAME_BYTES);
		this.channel.runPendingTasks();
		List<Frame> frames = Wire.writtenFrames(this.channel);
		assertThat(frames).hasSize(FrameWriter.MAX_QUEUED_PONGS + 1)
			.startsWith(new Frame.Pong(1))
			.endsWith(new Frame.Pong(FrameWriter.MAX_QUEUED_PONGS), new Frame.Pong(pings));
	}

	@Test
	void aLoneAcknowledgementTakesABufferOfItsSizeNotABatch() {
		this.writer.acknowledge(1);
		this.channel.runPendingTasks();
		assertThat(this.allocator.buffers).singleElement()
			.satisfies((buf) -> assertThat(buf.capacity()).isEqualTo(FrameWriter.CONTROL_FRAME_BYTES));
	}

	@Test
	void aFewSmallFramesTakeABufferOfTheirSize() {
		for (int seq = 1; seq <= 3; seq++) {
			this.writer.write(data(seq, "t"));
		}
		this.channel.runPendingTasks();
		int expected = 3 * FrameQueue.estimatedSize(data(1, "t"));
		assertThat(this.allocator.buffers).singleElement()
			.satisfies((buf) -> assertThat(buf.capacity()).isEqualTo(expected));
	}

	@Test
	void aFrameThatCannotBeEncodedClosesTheConnectionAndReleasesItsBuffer(CapturedOutput output) {
		this.writer.write(data(1, "fine"));
		this.writer.write(data(2, "x".repeat(70_000)));
		this.writer.write(data(3, "fine"));
		this.channel.runPendingTasks();
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(Wire.writtenFrames(this.channel)).isEmpty();
		assertThat(this.allocator.buffers).isNotEmpty()
			.allSatisfy((buf) -> assertThat(buf.refCnt()).as("released").isZero());
		assertThat(output).contains("Closing connection to peer: writing to it failed")
			.contains("too long for a frame");
		// The buffer with the frame before it was handed over: the close failed and
		// released it.
		assertThat(this.failedWrites)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOf(java.nio.channels.ClosedChannelException.class));
		// Not wedged: later frames are dropped, not queued for ever.
		this.writer.write(data(4, "fine"));
		this.channel.runPendingTasks();
		assertThat(this.writer.queuedBytes()).isZero();
	}

	@Test
	void writeAndCloseWaitsForWritabilityThenSendsEverythingAndCloses() {
		writable(false);
		this.writer.write(data(1, "before"));
		this.writer.acknowledge(9);
		this.writer.writeAndClose(new Frame.Goodbye());
		this.channel.runPendingTasks();
		assertThat(this.channel.isOpen()).isTrue();
		assertThat(this.channel.outboundMessages()).isEmpty();
		writable(true);
		List<Frame> frames = Wire.writtenFrames(this.channel);
		assertThat(frames).hasSize(3);
		assertThat(((Frame.Data) frames.get(0)).envelope().topic()).isEqualTo("before");
		assertThat(frames.get(1)).isEqualTo(new Frame.Ack(9));
		assertThat(frames.get(2)).isInstanceOf(Frame.Goodbye.class);
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void aClosedChannelDropsWhatWaits() {
		writable(false);
		this.writer.write(data(1, "t"));
		this.writer.acknowledge(1);
		this.channel.runPendingTasks();
		this.channel.close();
		this.writer.discard();
		assertThat(this.writer.queuedBytes()).isZero();
		this.writer.write(data(2, "t"));
		assertThat(this.writer.queuedBytes()).isZero();
	}

	// As a water mark does: unwritable, or writable again, told to the pipeline.
	private void writable(boolean writable) {
		this.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
		this.channel.runPendingTasks();
	}

	private static List<Long> seqs(List<Frame> frames) {
		return frames.stream().map((frame) -> ((Frame.Data) frame).envelope().seq()).toList();
	}

	private static Frame.Data data(long seq, String topic) {
		return new Frame.Data(new Envelope(seq, Envelope.Kind.MESSAGE, 0, topic, new byte[] { 1, 2, 3 }));
	}

	private static String envelope(Frame.Data data) {
		Envelope envelope = data.envelope();
		return envelope.seq() + " " + envelope.kind() + " " + envelope.correlationId() + " " + envelope.topic() + " "
				+ Arrays.toString(envelope.payload());
	}

	static final class RecordingAllocator extends AbstractByteBufAllocator {

		final List<ByteBuf> buffers = new ArrayList<>();

		@Override
		protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
			return record(Unpooled.directBuffer(initialCapacity, maxCapacity));
		}

		@Override
		protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
			return record(Unpooled.buffer(initialCapacity, maxCapacity));
		}

		@Override
		public boolean isDirectBufferPooled() {
			return false;
		}

		private ByteBuf record(ByteBuf buf) {
			this.buffers.add(buf);
			return buf;
		}

	}

}
