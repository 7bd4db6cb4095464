/**
 * DNS discovery: SRV records (for example a Kubernetes headless service) or A/AAAA
 * records, looked up periodically with the JDK's JNDI DNS provider.
 */
@NullMarked
package dev.tcpnet.discovery.dns;

import org.jspecify.annotations.NullMarked;
