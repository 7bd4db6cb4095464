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

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs for the Netty transport. Netty brings the hints for itself;
 * what it does reflectively to our classes is look up each handler's public methods once
 * per handler type, to skip the ones a handler does not override
 * ({@code ChannelHandlerMask}). Without the hint it falls back to calling every method,
 * which works but walks the whole pipeline for every event.
 */
class NettyTransportRuntimeHints implements RuntimeHintsRegistrar {

	static final List<Class<?>> HANDLERS = List.of(TcpnetChannelInitializer.class, FrameDecoder.class, FrameCodec.class,
			HandshakeHandler.class, ConnectionHandler.class, HeartbeatHandler.class, WriteStallHandler.class,
			ErrorHandler.class);

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (Class<?> handler : HANDLERS) {
			hints.reflection().registerType(handler, MemberCategory.INTROSPECT_PUBLIC_METHODS);
		}
	}

}
