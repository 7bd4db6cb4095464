/**
 * Discovery SPI: mechanisms that advertise this node and report sightings of other nodes.
 * Sightings are hints; liveness comes from the TCP connection.
 */
@NullMarked
package dev.tcpnet.discovery;

import org.jspecify.annotations.NullMarked;
