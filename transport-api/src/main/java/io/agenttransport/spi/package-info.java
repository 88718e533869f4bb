/**
 * The service provider interface that transport authors implement: a {@link
 * io.agenttransport.spi.TransportProvider} found with {@link java.util.ServiceLoader}, which
 * creates a {@link io.agenttransport.spi.ClientTransport} for core and starts an {@link
 * io.agenttransport.spi.AgentServer} for agents from narrow, typed contexts.
 */
@NullMarked
package io.agenttransport.spi;

import org.jspecify.annotations.NullMarked;
