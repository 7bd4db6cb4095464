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

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * Makes the network threads of one transport ({@code tcpnet-io-…}, daemons) and tells
 * them from every other thread with one type check. {@code TopicStream.send} asks on
 * every message; asking each event loop in turn whether it runs the caller took a seventh
 * of a streaming sender's time.
 */
final class NetworkThreads extends DefaultThreadFactory {

	NetworkThreads() {
		super("tcpnet-io", true);
	}

	@Override
	protected Thread newThread(Runnable task, String name) {
		return new NetworkThread(this.threadGroup, task, name, this);
	}

	/**
	 * Says whether the calling thread is one of the threads this factory made.
	 * @return whether it is
	 */
	boolean isCurrent() {
		return Thread.currentThread() instanceof NetworkThread thread && thread.factory == this;
	}

	private static final class NetworkThread extends FastThreadLocalThread {

		private final NetworkThreads factory;

		NetworkThread(ThreadGroup group, Runnable task, String name, NetworkThreads factory) {
			super(group, task, name);
			this.factory = factory;
		}

	}

}
