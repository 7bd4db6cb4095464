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

/**
 * Cluster events: Spring application events that reach every node of the mesh, without a
 * broker. Mark a record or POJO with {@link dev.tcpnet.bus.ClusterEvent @ClusterEvent}
 * and publish it with the {@code ApplicationEventPublisher}; every connected peer
 * publishes it to its own {@code @EventListener}s.
 */
@NullMarked
package dev.tcpnet.bus;

import org.jspecify.annotations.NullMarked;
