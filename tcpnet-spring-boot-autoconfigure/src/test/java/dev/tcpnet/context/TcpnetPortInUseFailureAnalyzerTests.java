package dev.tcpnet.context;

import java.net.InetAddress;
import java.net.ServerSocket;

import dev.tcpnet.support.TestNode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class TcpnetPortInUseFailureAnalyzerTests {

	@Test
	void portInUseIsExplainedNamingTheProperty() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			Throwable failure = catchThrowable(() -> TestNode.start("tcpnet.discovery.mdns.enabled=false",
					"tcpnet.server.port=" + taken.getLocalPort()));
			FailureAnalysis analysis = new TcpnetPortInUseFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains(Integer.toString(taken.getLocalPort()))
				.contains("already in use");
			assertThat(analysis.getAction()).contains("tcpnet.server.port");
		}
	}

}
