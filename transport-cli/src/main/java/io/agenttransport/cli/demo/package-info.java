/**
 * The self-contained demo: agents and core in one process, a signed action, and attacks the
 * framework rejects.
 */
@NullMarked
package io.agenttransport.cli.demo;

import org.jspecify.annotations.NullMarked;
