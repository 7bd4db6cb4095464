/**
 * Auto-configuration of tcpnet's Actuator endpoint and health indicator.
 */
@NullMarked
package dev.tcpnet.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
