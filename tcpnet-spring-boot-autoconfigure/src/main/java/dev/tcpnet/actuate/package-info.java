/**
 * Actuator views of the mesh: the {@code tcpnet} endpoint and the health indicator.
 */
@NullMarked
package dev.tcpnet.actuate;

import org.jspecify.annotations.NullMarked;
