/**
 * The agent API model: immutable values for the documents every transport carries.
 *
 * <p>Each type mirrors one shape of the agent HTTP API under {@code /api/unstable}. Arbitrary JSON
 * travels as {@link io.agenttransport.model.JsonValue} and timestamps as {@link
 * io.agenttransport.model.Timestamp}, so that a document decodes and re-encodes without loss.
 * {@link io.agenttransport.json.AgentJson} converts between these types and JSON.
 */
@NullMarked
package io.agenttransport.model;

import org.jspecify.annotations.NullMarked;
