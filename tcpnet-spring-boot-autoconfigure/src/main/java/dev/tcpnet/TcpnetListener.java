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
 * Marks a bean method as a listener of the messages of one or more topics, converted to
 * the type of its payload parameter by the
 * {@link dev.tcpnet.convert.TcpnetPayloadConverter}.
 *
 * <p>
 * The method's parameters may be, in any order:
 * <ul>
 * <li>a {@link dev.tcpnet.peer.Peer}: the peer that sent the message;</li>
 * <li>a {@code String} annotated with {@link Topic @Topic}: the message's topic;</li>
 * <li>one parameter of any other type, not annotated: the payload, converted to its
 * declared type ({@code byte[]} as received, {@code String} as UTF-8, anything else from
 * JSON).</li>
 * </ul>
 *
 * <pre class="code">
 * &#64;TcpnetListener("prices")
 * void onPrice(Price price, Peer from) {
 *     ...
 * }
 * </pre>
 *
 * <p>
 * Annotated listeners are called as {@link TopicListener}s are: from the
 * {@code tcpnet-events} thread, in the order the peer sent the messages, after the peer's
 * {@code PeerConnectedEvent} and before its {@code PeerDisconnectedEvent}. Several
 * methods (and {@code TopicListener} beans) may listen to one topic; each gets every
 * message, in the order they were registered. Messages of a topic that has listeners are
 * not published as {@code PeerMessageEvent}s. An exception thrown by the method is logged
 * and the next message is delivered. A payload that cannot be converted to the
 * parameter's type is dropped for this method alone, counted as
 * {@code tcpnet.messages.dropped{reason=conversion}} and logged at WARN.
 *
 * @since 0.1.0
 * @see TcpnetRequestHandler
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(TcpnetMethodReflectiveProcessor.class)
public @interface TcpnetListener {

	/**
	 * Alias for {@link #topics()}.
	 * @return the topics
	 */
	@AliasFor("topics")
	String[] value() default {};

	/**
	 * The topics whose messages the method receives; {@code ${...}} placeholders are
	 * resolved.
	 * @return the topics
	 */
	@AliasFor("value")
	String[] topics() default {};

	/**
	 * A SpEL expression that must be {@code true} for the method to be called, as
	 * {@code @EventListener}'s condition: {@code #payload} (the converted payload),
	 * {@code #peer} and {@code #topic} are defined, and {@code @beanName} refers to
	 * beans. Empty: always called.
	 * @return the condition
	 */
	String condition() default "";

}
