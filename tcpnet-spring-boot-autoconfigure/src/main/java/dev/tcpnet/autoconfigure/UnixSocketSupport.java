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

package dev.tcpnet.autoconfigure;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.tcpnet.transport.netty.UnixSocketDirectory;

/**
 * Checks the Unix-domain socket directory at start, so that a directory others could
 * write to stops the node with the property to fix.
 */
final class UnixSocketSupport {

	static final String DIRECTORY_PROPERTY = "tcpnet.server.unix-socket.directory";

	private UnixSocketSupport() {
	}

	/**
	 * The checked directory, or {@code null} when Unix-domain sockets are off or the
	 * platform has none.
	 */
	static @Nullable UnixSocketDirectory directory(TcpnetProperties.UnixSocket properties) {
		if (!properties.isEnabled() || !UnixSocketDirectory.isSupported()) {
			return null;
		}
		Path directory = properties.getDirectory();
		Path path = (directory != null) ? directory : UnixSocketDirectory.defaultPath();
		try {
			return UnixSocketDirectory.prepare(path);
		}
		catch (IllegalStateException ex) {
			throw new InvalidConfigurationPropertyValueException(DIRECTORY_PROPERTY, path, ex.getMessage()
					+ " (or turn Unix-domain sockets off with tcpnet.server.unix-socket.enabled=false)");
		}
	}

}
