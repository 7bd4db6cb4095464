/**
 * The mesh: turns sightings and connections into registry state; one connection per pair.
 */
@NullMarked
package dev.tcpnet.mesh;

import org.jspecify.annotations.NullMarked;
