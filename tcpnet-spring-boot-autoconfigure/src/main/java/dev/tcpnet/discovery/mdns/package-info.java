/**
 * mDNS/DNS-SD discovery with JmDNS, one JmDNS instance per selected interface address.
 */
@NullMarked
package dev.tcpnet.discovery.mdns;

import org.jspecify.annotations.NullMarked;
