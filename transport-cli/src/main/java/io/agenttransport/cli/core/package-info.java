/** Core-side calls of the command line: syncing agents and printing what they returned. */
@NullMarked
package io.agenttransport.cli.core;

import org.jspecify.annotations.NullMarked;
