/**
 * Typed, read-only configuration of core and agents, loaded from YAML by {@link
 * io.agenttransport.config.ConfigLoader}. Every invalid value fails at start-up with a {@link
 * io.agenttransport.config.ConfigException} naming the key, the value and what is expected.
 */
@NullMarked
package io.agenttransport.config;

import org.jspecify.annotations.NullMarked;
