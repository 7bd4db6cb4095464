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

package dev.tcpnet.discovery.mdns;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/**
 * Callback to customize mDNS discovery: each JmDNS instance (one per selected interface
 * address) and the service that advertises this node, before it is registered. Every
 * {@code TcpnetMdnsCustomizer} bean is applied, in
 * {@link org.springframework.core.Ordered order}. Properties added to the service go into
 * its TXT record; keep tcpnet's own ({@code id}, {@code cluster}, {@code proto},
 * {@code tcpnet.host}, {@code tcpnet.unix-socket}).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TcpnetMdnsCustomizer {

	/**
	 * Customizes a JmDNS instance and the service it is about to register.
	 * @param jmdns the JmDNS instance, started on one local address
	 * @param serviceInfo the service advertising this node
	 */
	void customize(JmDNS jmdns, ServiceInfo serviceInfo);

}
