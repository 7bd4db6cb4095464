/**
 * Discovery from a static list of {@code host:port} seeds.
 */
@NullMarked
package dev.tcpnet.discovery.fixed;

import org.jspecify.annotations.NullMarked;
