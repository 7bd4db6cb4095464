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

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import dev.tcpnet.transport.Envelope;

import static org.assertj.core.api.Assertions.assertThat;

class FrameWriterTests {

	private final EmbeddedChannel channel = new EmbeddedChannel();

	private final FrameWriter writer = new FrameWriter(this.channel);

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

	private static List<Long> seqs(List<Frame> frames) {
		return frames.stream().map((frame) -> ((Frame.Data) frame).envelope().seq()).toList();
	}

	private static Frame.Data data(long seq, String topic) {
		return new Frame.Data(new Envelope(seq, Envelope.Kind.MESSAGE, 0, topic, new byte[] { 1, 2, 3 }));
	}

}
