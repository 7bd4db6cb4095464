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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tcpnet.peer.NodeId;
import dev.tcpnet.support.TestNode;

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
