/**
 * The fault-test driver: a tcpnet node that sends numbered messages and reports, as
 * parseable lines on standard output, what it received and every peer event.
 */
@NullMarked
package dev.tcpnet.fault;

import org.jspecify.annotations.NullMarked;
