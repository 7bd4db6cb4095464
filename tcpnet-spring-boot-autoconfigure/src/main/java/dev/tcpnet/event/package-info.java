/**
 * Application events published by tcpnet: peer connected, disconnected, message, started.
 */
@NullMarked
package dev.tcpnet.event;

import org.jspecify.annotations.NullMarked;
