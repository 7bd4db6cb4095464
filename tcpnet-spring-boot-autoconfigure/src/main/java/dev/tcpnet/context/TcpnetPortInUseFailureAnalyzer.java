package dev.tcpnet.context;

import java.net.BindException;

import dev.tcpnet.transport.TransportBindException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

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
