/**
 * The {@code agent-transport} command line: {@link io.agenttransport.cli.AgentTransportCommand} and
 * its subcommands.
 */
@NullMarked
package io.agenttransport.cli;

import org.jspecify.annotations.NullMarked;
