/**
 * Micrometer meters of the mesh.
 */
@NullMarked
package dev.tcpnet.metrics;

import org.jspecify.annotations.NullMarked;
