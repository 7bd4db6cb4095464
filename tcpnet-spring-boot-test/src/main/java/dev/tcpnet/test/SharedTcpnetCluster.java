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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts the node of a test's application context into a cluster that other test contexts
 * and {@link TcpnetCluster}s of this test run may join: every context whose test class
 * names the same cluster, and every {@code TcpnetCluster} built with
 * {@link TcpnetCluster.Builder#sharedCluster(String)} of the same name, meshes together.
 * Without it each test context is a cluster of its own.
 *
 * <p>
 * The cluster's name is the given name, a dash and an id of this test run (this JVM), so
 * that two test runs on one machine still stay apart; the node stays on loopback either
 * way.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface SharedTcpnetCluster {

	/**
	 * The name of the shared cluster.
	 * @return the name
	 */
	String value();

}
