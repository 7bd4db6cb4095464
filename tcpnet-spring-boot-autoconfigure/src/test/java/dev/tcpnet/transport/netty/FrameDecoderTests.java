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

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import dev.tcpnet.transport.Envelope;
import dev.tcpnet.transport.RejectReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FrameDecoderTests {

	private final EmbeddedChannel channel = new EmbeddedChannel(admitted(new FrameDecoder(1 << 20)));

	private static FrameDecoder admitted(FrameDecoder decoder) {
		decoder.admitted();
		return decoder;
	}

	@Test
	void framesSplitAcrossReadsAreDecodedWholeWhetherLargeOrSmall() {
		ByteBuf stream = Wire.preface();
		List<Integer> sizes = new ArrayList<>();
		for (int size : new int[] { 3000, 10, 5000 }) {
			for (int i = 0; i < 40; i++) {
				sizes.add(size);
			}
		}
		for (int i = 0; i < sizes.size(); i++) {
			byte[] payload = new byte[sizes.get(i)];
			payload[payload.length - 1] = (byte) i;
			stream.writeBytes(Wire.frame(new Frame.Data(new Envelope(i + 1, Envelope.Kind.MESSAGE, 0, "t", payload))));
		}
		while (stream.isReadable()) {
			this.channel.writeInbound(stream.readRetainedSlice(Math.min(777, stream.readableBytes())));
		}
		List<Envelope> read = new ArrayList<>();
		for (Object frame = this.channel.readInbound(); frame != null; frame = this.channel.readInbound()) {
			read.add(((Frame.Data) frame).envelope());
		}
		assertThat(read).hasSize(sizes.size());
		for (int i = 0; i < read.size(); i++) {
			assertThat(read.get(i).seq()).isEqualTo(i + 1);
			assertThat(read.get(i).payload()).hasSize(sizes.get(i)).endsWith((byte) i);
		}
		stream.release();
		assertThat(this.channel.finish()).isFalse();
	}

	@Test
	void aFrameInManySmallReadsIsDecodedOnce() {
		ByteBuf stream = Unpooled.buffer().writeBytes(Wire.preface());
		for (int i = 0; i < 3; i++) {
			stream.writeBytes(
					Wire.frame(new Frame.Data(new Envelope(i + 1, Envelope.Kind.MESSAGE, 0, "t", new byte[100_000]))));
		}
		while (stream.isReadable()) {
			this.channel.writeInbound(stream.readRetainedSlice(Math.min(1000, stream.readableBytes())));
		}
		List<Long> seqs = new ArrayList<>();
		for (Object frame = this.channel.readInbound(); frame != null; frame = this.channel.readInbound()) {
			seqs.add(((Frame.Data) frame).envelope().seq());
		}
		assertThat(seqs).containsExactly(1L, 2L, 3L);
		stream.release();
	}

	@Test
	void largeFramesKeptInTheReadsTheyCameInAreDecodedByteForByteBesideSmallOnes() {
		ByteBuf stream = Unpooled.buffer().writeBytes(Wire.preface());
		int[] sizes = { 65_536, 70_000, 10, FrameDecoder.LARGE_FRAME, 20_000, 65_536, 3, 65_536 };
		for (int i = 0; i < sizes.length; i++) {
			stream.writeBytes(Wire
				.frame(new Frame.Data(new Envelope(i + 1, Envelope.Kind.MESSAGE, 0, "t", pattern(sizes[i], i)))));
		}
		// Reads of 64 KiB, then of a few KiB: large frames always straddle them.
		int[] reads = { 65_536, 7_001 };
		for (int r = 0; stream.isReadable(); r++) {
			this.channel.writeInbound(stream.readRetainedSlice(Math.min(reads[r % 2], stream.readableBytes())));
		}
		List<Envelope> read = new ArrayList<>();
		for (Object frame = this.channel.readInbound(); frame != null; frame = this.channel.readInbound()) {
			read.add(((Frame.Data) frame).envelope());
		}
		assertThat(read).hasSize(sizes.length);
		for (int i = 0; i < sizes.length; i++) {
			assertThat(read.get(i).seq()).isEqualTo(i + 1);
			assertThat(read.get(i).payload()).isEqualTo(pattern(sizes[i], i));
		}
		stream.release();
		assertThat(this.channel.finish()).isFalse();
	}

	@Test
	void everyWayOfCuttingTheStreamInTwoOrThreeReadsDecodesTheSameFrames() {
		int[] sizes = { 10, 1000, FrameDecoder.LARGE_FRAME + 5, 1 };
		ByteBuf stream = Unpooled.buffer().writeBytes(Wire.preface());
		List<Integer> boundaries = new ArrayList<>(List.of(stream.writerIndex()));
		for (int i = 0; i < sizes.length; i++) {
			stream.writeBytes(Wire
				.frame(new Frame.Data(new Envelope(i + 1, Envelope.Kind.MESSAGE, 0, "t", pattern(sizes[i], i)))));
			boundaries.add(stream.writerIndex());
		}
		int length = stream.readableBytes();
		// Every cut into two reads; and into three near every boundary, so that reads
		// end inside the preface, inside every length field and inside every body
		for (int first = 1; first < length; first++) {
			assertDecodesWhole(stream, sizes, first);
		}
		for (int boundary : boundaries) {
			for (int first = Math.max(1, boundary - 6); first < Math.min(length, boundary + 6); first++) {
				for (int second = first + 1; second < Math.min(length, first + 8); second++) {
					assertDecodesWhole(stream, sizes, first, second);
				}
			}
		}
		stream.release();
	}

	private static void assertDecodesWhole(ByteBuf stream, int[] sizes, int... cuts) {
		EmbeddedChannel channel = new EmbeddedChannel(admitted(new FrameDecoder(1 << 20)));
		int from = 0;
		for (int cut : cuts) {
			channel.writeInbound(stream.retainedSlice(from, cut - from));
			from = cut;
		}
		channel.writeInbound(stream.retainedSlice(from, stream.readableBytes() - from));
		List<Envelope> read = new ArrayList<>();
		for (Object frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
			read.add(((Frame.Data) frame).envelope());
		}
		assertThat(read).as("reads cut at %s", Arrays.toString(cuts)).hasSize(sizes.length);
		for (int i = 0; i < sizes.length; i++) {
			assertThat(read.get(i).payload()).isEqualTo(pattern(sizes[i], i));
		}
		assertThat(channel.finish()).isFalse();
	}

	@Test
	void aReadEndingInsideASmallFrameIsReleasedAtOnceAndOneEndingInsideALargeFrameIsKept() {
		ByteBuf small = Wire.frame(new Frame.Data(new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", new byte[1000])));
		ByteBuf large = Wire
			.frame(new Frame.Data(new Envelope(2, Envelope.Kind.MESSAGE, 0, "t", new byte[FrameDecoder.LARGE_FRAME])));
		ByteBuf first = Unpooled.buffer().writeBytes(Wire.preface()).writeBytes(small, 0, 500);
		this.channel.writeInbound(first);
		// Only the 500 bytes of the frame's start were kept, in a copy
		assertThat(first.refCnt()).isZero();
		ByteBuf second = Unpooled.buffer()
			.writeBytes(small, 500, small.readableBytes() - 500)
			.writeBytes(large, 0, 100);
		this.channel.writeInbound(second);
		// A large frame is read from the reads it came in
		assertThat(second.refCnt()).isOne();
		this.channel.writeInbound(Unpooled.buffer().writeBytes(large, 100, large.readableBytes() - 100));
		assertThat(second.refCnt()).isZero();
		assertThat(((Frame.Data) this.channel.readInbound()).envelope().seq()).isEqualTo(1);
		assertThat(((Frame.Data) this.channel.readInbound()).envelope().seq()).isEqualTo(2);
		small.release();
		large.release();
		assertThat(this.channel.finish()).isFalse();
	}

	@Test
	void aPeerTricklingALargeFrameInTinyReadsCannotMakeTheNodeKeepEveryReadBuffer() {
		ByteBuf frame = Wire.frame(new Frame.Data(
				new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", pattern(FrameDecoder.LARGE_FRAME + 4000, 7))));
		this.channel.writeInbound(Wire.preface());
		List<ByteBuf> reads = new ArrayList<>();
		while (frame.readableBytes() > 1) {
			// A read buffer of 4 KiB holding one byte, as a socket read of one byte does
			ByteBuf read = Unpooled.buffer(4096).writeByte(frame.readByte());
			reads.add(read);
			this.channel.writeInbound(read.retain());
		}
		assertThat(reads.stream().filter((kept) -> kept.refCnt() > 1).count())
			.isLessThanOrEqualTo(FrameDecoder.MAX_KEPT_READS);
		this.channel.writeInbound(frame.readRetainedSlice(1));
		assertThat(((Frame.Data) this.channel.readInbound()).envelope().payload())
			.isEqualTo(pattern(FrameDecoder.LARGE_FRAME + 4000, 7));
		reads.forEach(ByteBuf::release);
		assertThat(reads).allSatisfy((read) -> assertThat(read.refCnt()).isZero());
		frame.release();
		assertThat(this.channel.finish()).isFalse();
	}

	@Test
	void withReadingPausedAReadThatCompletesNoFrameAsksForTheNextOne() {
		List<String> asked = new ArrayList<>();
		EmbeddedChannel paused = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {

			@Override
			public void read(ChannelHandlerContext ctx) {
				asked.add("read");
				ctx.read();
			}

		}, admitted(new FrameDecoder(1 << 20)));
		paused.config().setAutoRead(false);
		asked.clear();
		ByteBuf frame = Wire.frame(new Frame.Data(new Envelope(1, Envelope.Kind.MESSAGE, 0, "t", new byte[100])));
		paused.writeInbound(Unpooled.buffer().writeBytes(Wire.preface()).writeBytes(frame, 0, 50));
		assertThat(asked).containsExactly("read");
		paused.writeInbound(frame.retainedSlice(50, frame.readableBytes() - 50));
		assertThat(asked).containsExactly("read");
		assertThat(((Frame.Data) paused.readInbound()).envelope().seq()).isEqualTo(1);
		frame.release();
		assertThat(paused.finish()).isFalse();
	}

	@Test
	void anOversizeLengthSplitAcrossReadsFailsBeforeItsBodyIsBuffered() {
		EmbeddedChannel limited = new EmbeddedChannel(admitted(new FrameDecoder(1000)));
		limited.writeInbound(Unpooled.buffer().writeBytes(Wire.preface()).writeShort(0));
		assertThatExceptionOfType(DecoderException.class)
			.isThrownBy(() -> limited.writeInbound(Unpooled.buffer().writeShort(1001)))
			.havingCause()
			.isInstanceOfSatisfying(ProtocolViolationException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(RejectReason.LIMIT));
		// Everything after the failure is discarded
		ByteBuf after = Unpooled.buffer().writeBytes(new byte[100]);
		limited.writeInbound(after);
		assertThat(after.refCnt()).isZero();
		assertThat((Object) limited.readInbound()).isNull();
		limited.finishAndReleaseAll();
	}

	private static byte[] pattern(int size, int seed) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31 + seed);
		}
		return bytes;
	}

}
