package dev.tcpnet.context;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.support.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class NoPeerNoticeTests {

	@Test
	void aloneNodeSaysWhatDiscoveryDoesAndWhatToTry(CapturedOutput output) {
		try (TestNode node = TestNode.start("tcpnet.cluster=alone-" + NodeId.random().shortForm(),
				"tcpnet.discovery.no-peer-notice=300ms")) {
			await().untilAsserted(() -> assertThat(output.getOut()).contains("No peer found after")
				.contains("mdns {")
				.contains("interfaces=[127.0.0.1]")
				.contains("tcpnet.discovery.static.peers"));
		}
	}

}
