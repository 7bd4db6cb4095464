/**
 * Auto-configuration of tcpnet's Micrometer meters.
 */
@NullMarked
package dev.tcpnet.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
