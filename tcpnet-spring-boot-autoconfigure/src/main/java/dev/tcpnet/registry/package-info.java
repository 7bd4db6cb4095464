/**
 * The peer registry: the one owner of peer state transitions and the only publisher of
 * peer events.
 */
@NullMarked
package dev.tcpnet.registry;

import org.jspecify.annotations.NullMarked;
