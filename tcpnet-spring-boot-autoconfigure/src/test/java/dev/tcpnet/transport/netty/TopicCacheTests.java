package dev.tcpnet.transport.netty;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicCacheTests {

	private final TopicCache topics = new TopicCache();

	@Test
	void aRepeatedTopicIsTheSameStringAndEveryTopicReadsRight() {
		ByteBuf in = Unpooled.buffer();
		for (String topic : new String[] { "orders", "orders", "ordets", "größe", "", "orders" }) {
			writeString(topic, in);
			in.writeByte(7); // what follows the topic is left alone
		}
		String first = read(in);
		assertThat(first).isEqualTo("orders");
		assertThat(read(in)).isSameAs(first);
		assertThat(read(in)).isEqualTo("ordets");
		assertThat(read(in)).isEqualTo("größe");
		assertThat(read(in)).isEmpty();
		assertThat(read(in)).isEqualTo("orders");
		assertThat(in.isReadable()).isFalse();
	}

	@Test
	void aTruncatedTopicFailsLikeAnyShortRead() {
		ByteBuf in = Unpooled.buffer();
		writeString("orders", in);
		in.writeByte(7);
		read(in);
		in.writeShort(6).writeBytes("ord".getBytes(StandardCharsets.UTF_8));
		org.assertj.core.api.Assertions.assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> this.topics.read(in));
	}

	@Test
	void aRepeatedTopicIsEncodedOnce() {
		byte[] first = this.topics.bytes("größe");
		assertThat(first).isEqualTo("größe".getBytes(StandardCharsets.UTF_8));
		assertThat(this.topics.bytes(new String("größe"))).isSameAs(first);
		assertThat(this.topics.bytes("orders")).isEqualTo("orders".getBytes(StandardCharsets.UTF_8));
	}

	private String read(ByteBuf in) {
		String topic = this.topics.read(in);
		assertThat(in.readByte()).isEqualTo((byte) 7);
		return topic;
	}

	private static void writeString(String value, ByteBuf out) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeShort(bytes.length).writeBytes(bytes);
	}

}
