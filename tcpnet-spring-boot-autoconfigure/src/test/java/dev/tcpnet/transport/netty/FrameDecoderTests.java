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
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import dev.tcpnet.transport.Envelope;

import static org.assertj.core.api.Assertions.assertThat;

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

	private static byte[] pattern(int size, int seed) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31 + seed);
		}
		return bytes;
	}

}
