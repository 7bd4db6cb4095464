/**
 * Netty implementation of the transport: framing, handshake and connection handlers.
 */
@NullMarked
package dev.tcpnet.transport.netty;

import org.jspecify.annotations.NullMarked;
