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

package dev.tcpnet.context;

import java.net.BindException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tcpnet.transport.TransportBindException;

/**
 * Explains a start that failed because tcpnet's port is in use, naming the property to
 * change.
 */
class TcpnetPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<TransportBindException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, TransportBindException cause) {
		if (!(cause.getCause() instanceof BindException)) {
			return null;
		}
		String description = "tcpnet could not listen on " + cause.getAddress().getAddress().getHostAddress() + ":"
				+ cause.getAddress().getPort() + ": the port is already in use.";
		String action = "Stop the process that uses port " + cause.getAddress().getPort()
				+ ", or set 'tcpnet.server.port' to another port (0 lets the operating system choose one).";
		return new FailureAnalysis(description, action, cause);
	}

}
