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

package dev.tcpnet.test;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Keeps every Spring test context off the network: registered in
 * {@code META-INF/spring.factories}, so it applies to every test whose class path holds
 * this module. {@link SharedTcpnetCluster} on the test class (or an enclosing class)
 * chooses a shared cluster.
 */
class TcpnetTestContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		SharedTcpnetCluster shared = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				SharedTcpnetCluster.class);
		@Nullable String sharedCluster = (shared != null) ? shared.value() : null;
		return new TcpnetTestContextCustomizer(sharedCluster);
	}

}
