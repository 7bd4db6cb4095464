/**
 * Transport SPI: an acceptor and a dialer that hand over connections once their handshake
 * is complete.
 */
@NullMarked
package dev.tcpnet.transport;

import org.jspecify.annotations.NullMarked;
