/**
 * tcpnet: the application-facing API of the mesh ({@link dev.tcpnet.Tcpnet}).
 */
@NullMarked
package dev.tcpnet;

import org.jspecify.annotations.NullMarked;
