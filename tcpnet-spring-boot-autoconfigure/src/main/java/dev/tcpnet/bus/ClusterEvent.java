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

package dev.tcpnet.bus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type whose instances, published with Spring's
 * {@link org.springframework.context.ApplicationEventPublisher#publishEvent(Object)},
 * also reach every connected peer, where they are published as they are locally: the
 * peers' {@code @EventListener} methods for the type receive them unchanged.
 *
 * <p>
 * The annotation goes on a record or POJO, which Spring publishes as a
 * {@link org.springframework.context.PayloadApplicationEvent}, not on an
 * {@link org.springframework.context.ApplicationEvent} subclass: an
 * {@code ApplicationEvent} carries a {@code source} object (usually a bean of the
 * publishing node) that cannot travel, and its constructors are the application's own,
 * whereas a record is plain data that JSON carries as it is and that Spring already wraps
 * for its listeners. An {@code ApplicationEvent} subclass marked with it stays on the
 * node, with a warning.
 *
 * <p>
 * The type is converted by the {@link dev.tcpnet.convert.TcpnetPayloadConverter} (JSON
 * with Jackson) and must be on the class path of the receiving nodes, under the same name
 * and marked there too: a node drops an event whose type it does not have, or whose type
 * is not marked, and counts it as
 * {@link dev.tcpnet.event.MessageDroppedEvent.Reason#UNKNOWN_EVENT}. It is not inherited:
 * each type that travels is marked itself.
 *
 * @since 0.1.0
 * @see ClusterEvents
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClusterEvent {

}
