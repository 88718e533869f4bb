/**
 * The plain harness for figures that JMH does not fit: syncs and fan-out over a fleet of agents,
 * the parts of a TLS handshake, and heap per channel, connection and call in flight.
 */
@NullMarked
package io.agenttransport.bench.harness;

import org.jspecify.annotations.NullMarked;
