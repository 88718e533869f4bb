/** Assembly of core's client transport and of agent servers from configuration. */
@NullMarked
package io.agenttransport.runtime;

import org.jspecify.annotations.NullMarked;
