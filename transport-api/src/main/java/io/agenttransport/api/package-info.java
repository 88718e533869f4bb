/**
 * The user-facing API: {@link io.agenttransport.api.AgentChannel} for core, {@link
 * io.agenttransport.api.Agent} for agents, addresses, operations, call options and the exception
 * hierarchy that every transport reports its errors with.
 */
@NullMarked
package io.agenttransport.api;

import org.jspecify.annotations.NullMarked;
