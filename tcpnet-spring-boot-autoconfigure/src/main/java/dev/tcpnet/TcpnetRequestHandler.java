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

package dev.tcpnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;
import org.springframework.core.annotation.AliasFor;

import dev.tcpnet.messaging.TcpnetMethodReflectiveProcessor;

/**
 * Marks a bean method as the handler of the requests of one or more topics
 * ({@link Tcpnet#request}). Its parameters are those of a
 * {@link TcpnetListener @TcpnetListener} method: the request's payload (converted to the
 * parameter's type), the {@link dev.tcpnet.peer.Peer} that asked, and the
 * {@link Topic @Topic}.
 *
 * <p>
 * The return value is the reply, converted by the
 * {@link dev.tcpnet.convert.TcpnetPayloadConverter}; a method that returns a
 * {@link java.util.concurrent.CompletionStage} (such as a {@code CompletableFuture})
 * replies when it completes, without holding a request thread. {@code void} or
 * {@code null} replies with an empty payload. An exception, thrown or completing the
 * stage, reaches the requester as a {@link RequestFailedException} carrying its class
 * name and message.
 *
 * <pre class="code">
 * &#64;TcpnetRequestHandler("quote")
 * Quote quote(QuoteRequest request) {
 *     ...
 * }
 * </pre>
 *
 * <p>
 * A topic has one handler: two (methods or {@link RequestHandler} beans) for the same
 * topic fail the start, naming both. Methods run on tcpnet's request threads, as
 * {@code RequestHandler}s do.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(TcpnetMethodReflectiveProcessor.class)
public @interface TcpnetRequestHandler {

	/**
	 * Alias for {@link #topics()}.
	 * @return the topics
	 */
	@AliasFor("topics")
	String[] value() default {};

	/**
	 * The topics whose requests the method answers; {@code ${...}} placeholders are
	 * resolved.
	 * @return the topics
	 */
	@AliasFor("value")
	String[] topics() default {};

}
