/**
 * Auto-configuration for tcpnet.
 */
@NullMarked
package dev.tcpnet.autoconfigure;

import org.jspecify.annotations.NullMarked;
