/**
 * Spring glue: the lifecycle bootstrap and failure analyzers.
 */
@NullMarked
package dev.tcpnet.context;

import org.jspecify.annotations.NullMarked;
