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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

import dev.tcpnet.convert.DefaultPayloadConverter;
import dev.tcpnet.convert.JacksonPayloadConverter;
import dev.tcpnet.convert.TcpnetPayloadConverter;
import dev.tcpnet.messaging.TcpnetAnnotationBeanPostProcessor;

/**
 * Auto-configuration for typed messages: the {@link TcpnetPayloadConverter} (JSON through
 * the application's {@code JsonMapper} when Jackson is on the class path) and the
 * post-processor that registers {@code @TcpnetListener} and {@code @TcpnetRequestHandler}
 * methods.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TcpnetAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBooleanProperty(name = "tcpnet.enabled", matchIfMissing = true)
@Import(TcpnetMessagingAutoConfiguration.JacksonConverterConfiguration.class)
public final class TcpnetMessagingAutoConfiguration {

	// Static: a post-processor is created before the beans it processes, and must not
	// make its configuration class early.
	@Bean
	@ConditionalOnMissingBean
	static TcpnetAnnotationBeanPostProcessor tcpnetAnnotationBeanPostProcessor() {
		return new TcpnetAnnotationBeanPostProcessor();
	}

	// Without Jackson (the JSON converter, imported first, wins when it is there).
	@Bean
	@ConditionalOnMissingBean
	TcpnetPayloadConverter tcpnetPayloadConverter() {
		return new DefaultPayloadConverter();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JacksonConverterConfiguration {

		// The mapper is looked up at the first conversion, not while the application
		// starts: an application that does not build one otherwise saves 40-60 ms.
		@Bean
		@ConditionalOnMissingBean
		TcpnetPayloadConverter tcpnetPayloadConverter(ObjectProvider<JsonMapper> jsonMapper) {
			return new DefaultPayloadConverter(
					new JacksonPayloadConverter(() -> jsonMapper.getIfUnique(JsonMapper::shared)));
		}

	}

}
